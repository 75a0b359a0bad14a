using System.Numerics;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// A node's main chain, from genesis to the tip, with its cumulative work, written through
/// to an <see cref="IChainStore"/>. It keeps only lookups in memory (hash → height,
/// request → height, work marks) and reads headers and blocks from the store. Blocks are
/// offered with <see cref="TryAppend"/> or, as a branch, <see cref="TryAdopt"/>; the valid
/// chain with the most work wins. Safe to call from several threads: each call sees and
/// leaves one consistent chain.
/// </summary>
public sealed class ChainState
{
    private readonly Lock _gate = new();
    private readonly IChainStore _store;
    private readonly TimeProvider _time;
    private readonly ChainWork _work;
    private readonly HeightTable _hashes;

    // Which main-chain block answers each mine request, so a request is never mined twice.
    private readonly HeightTable _requests;
    private Block _tip = Genesis.Block;

    /// <summary>Loads the chain from <paramref name="store"/>, whose blocks the store has already checked.</summary>
    public ChainState(IChainStore store, ChainRules rules, TimeProvider time)
    {
        _store = store;
        _time = time;
        _work = new ChainWork(h => HeaderAt(h).Bits);
        _hashes = new HeightTable((int)store.Height + 1);
        _requests = new HeightTable((int)store.Height);
        Validator = new BlockValidator(rules, time);
        Index(0, Genesis.Header.Bits, Genesis.Hash, 0);
        var height = store.Height;
        store.ForEachSummary((h, bits, hash, requestKey) => Index(h, bits, hash, requestKey));
        _tip = height == 0 ? Genesis.Block : store.Read(height);
    }

    public BlockValidator Validator { get; }

    public ChainRules Rules => Validator.Rules;

    public Block Tip
    {
        get
        {
            lock (_gate)
            {
                return _tip;
            }
        }
    }

    public ulong Height => Tip.Height;

    /// <summary>Expected hashes behind the whole main chain, genesis included.</summary>
    public BigInteger TotalWork
    {
        get
        {
            lock (_gate)
            {
                return _work.Total;
            }
        }
    }

    /// <summary>Work of main-chain blocks 0..<paramref name="height"/>.</summary>
    public BigInteger WorkUpTo(ulong height)
    {
        lock (_gate)
        {
            return _work.UpTo(height);
        }
    }

    public bool TryGetBlock(ulong height, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Block? block)
    {
        lock (_gate)
        {
            block = height == 0 ? Genesis.Block : height <= _tip.Height ? _store.Read(height) : null;
            return block is not null;
        }
    }

    /// <summary>The hash of the main-chain block at <paramref name="height"/>; false past the tip.</summary>
    public bool TryGetHash(ulong height, out Hash256 hash)
    {
        lock (_gate)
        {
            hash = height <= _tip.Height ? HashAt(height) : default;
            return height <= _tip.Height;
        }
    }

    /// <summary>The height of the main-chain block with <paramref name="hash"/>; false when it is not on the main chain.</summary>
    public bool TryGetHeight(Hash256 hash, out ulong height)
    {
        lock (_gate)
        {
            return FindHash(hash, out height);
        }
    }

    /// <summary>The height of the main-chain block that answers <paramref name="requestId"/>; false when none does.</summary>
    public bool TryGetRequestHeight(string requestId, out ulong height)
    {
        lock (_gate)
        {
            return FindRequest(requestId, RequestKey.Of(requestId), out height);
        }
    }

    private bool FindRequest(string requestId, uint key, out ulong height)
    {
        height = 0;
        return key != 0 && _requests.TryFind(key, h => h <= _tip.Height && _store.RequestKeyAt(h) == key && _store.Read(h).RequestId == requestId, out height);
    }

    /// <summary>Up to <paramref name="count"/> main-chain blocks from height <paramref name="from"/>; fewer (or none) past the tip, or once their records pass <paramref name="maxBytes"/>.</summary>
    public IReadOnlyList<Block> GetRange(ulong from, int count, long maxBytes = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            if (from > _tip.Height || count == 0)
            {
                return [];
            }

            if (from > 0)
            {
                return _store.ReadRange(from, count, maxBytes);
            }

            return [Genesis.Block, .. _store.ReadRange(1, count - 1, maxBytes)];
        }
    }

    /// <summary>
    /// <see cref="GetRange"/>'s blocks as consecutive <see cref="BlockRecord"/>s, read from the
    /// store as they are (what a peer's sync is sent).
    /// </summary>
    public byte[] GetRecords(ulong from, int count, long maxBytes = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            if (from > _tip.Height || count == 0)
            {
                return [];
            }

            return from > 0 ? _store.ReadRecords(from, count, maxBytes) : [.. BlockRecord.Encode(Genesis.Block), .. _store.ReadRecords(1, count - 1, maxBytes)];
        }
    }

    /// <summary>Headers of main-chain blocks from <paramref name="from"/>, up to <paramref name="count"/>, as consecutive 96-byte headers.</summary>
    public byte[] GetHeaders(ulong from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            var n = from > _tip.Height ? 0 : (int)Math.Min((ulong)count, _tip.Height - from + 1);
            var bytes = new byte[n * BlockHeader.Size];
            if (n > 0 && from == 0)
            {
                Genesis.Header.WriteTo(bytes);
            }

            var stored = from == 0 ? 1 : 0;
            if (n > stored)
            {
                _store.CopyHeaders(from + (ulong)stored, bytes.AsSpan(stored * BlockHeader.Size));
            }

            return bytes;
        }
    }

    /// <summary>
    /// The header of the next block to mine on the tip (nonce 0), timestamped now but never
    /// before the tip. Throws <see cref="ArgumentException"/> when the data is over the limit.
    /// </summary>
    public BlockHeader CreateTemplate(string data, uint bits)
    {
        if (!Block.TryCheckData(data, out var error))
        {
            throw new ArgumentException(error, nameof(data));
        }

        var tip = Tip;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return new BlockHeader(BlockHeader.CurrentVersion, tip.Height + 1, Math.Max(now, tip.TimestampMs), tip.Hash, BlockHeader.HashData(data), bits, Nonce: 0);
    }

    /// <summary>Offers one block: usually the tip's child; a block forking lower is a one-block branch.</summary>
    public ChainUpdate TryAppend(Block block) => TryAdopt([block]);

    /// <summary>
    /// Offers consecutive blocks. Leading blocks already on the main chain are skipped; the
    /// rest must hang off a main-chain block (their common ancestor), and each must be valid
    /// against its predecessor. A branch is taken whole or not at all: it extends the tip,
    /// or replaces the main chain above the ancestor (in the store first, atomically) when
    /// it carries more work than what it would replace. One exception: a block stamped too
    /// far ahead of this node's clock is early, not invalid, so the blocks before it are
    /// taken on the same terms, and the update names the early one's rule
    /// (<see cref="ChainUpdate.Verdict"/>).
    /// </summary>
    public ChainUpdate TryAdopt(IReadOnlyList<Block> branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentOutOfRangeException.ThrowIfZero(branch.Count);

        lock (_gate)
        {
            var skip = 0;
            while (skip < branch.Count && IsOnMainChain(branch[skip]))
            {
                skip++;
            }

            if (skip == branch.Count)
            {
                return new ChainUpdate(ChainUpdateOutcome.AlreadyKnown, $"already have blocks {branch[0].Height}..{branch[^1].Height}");
            }

            var first = branch[skip];
            if (first.Height == 0 || !FindHash(first.Header.PreviousHash, out var ancestorHeight))
            {
                return new ChainUpdate(ChainUpdateOutcome.UnknownParent, $"block {first.Height}'s parent {first.Header.PreviousHash.ToHex()[..16]} is not on this node's main chain");
            }

            var fresh = branch.Skip(skip).ToArray();
            var parent = ancestorHeight == _tip.Height ? _tip : ancestorHeight == 0 ? Genesis.Block : _store.Read(ancestorHeight);
            var valid = 0;
            var refused = BlockVerdict.Valid;
            foreach (var block in fresh)
            {
                refused = Validator.Validate(parent, block);
                if (!refused.IsValid)
                {
                    break;
                }

                parent = block;
                valid++;
            }

            var rejected = new ChainUpdate(ChainUpdateOutcome.Rejected, refused.Message) { Verdict = refused };
            if (valid == 0 || refused.Rejection is not (BlockRejection.None or BlockRejection.TimestampTooFarAhead))
            {
                return rejected;
            }

            if (AnsweredTwice(ancestorHeight, fresh[..valid]) is { } twice)
            {
                return new ChainUpdate(ChainUpdateOutcome.Rejected, twice);
            }

            // A block too new for this clock is not invalid, only early: the blocks before it count, when they win on their own.
            var update = ancestorHeight == _tip.Height ? Extend(fresh[..valid]) : ChooseFork(ancestorHeight, fresh[..valid]);
            return refused.IsValid ? update
                : update.Changed ? update with { Message = $"{update.Message}; refused the rest: {refused.Message}", Verdict = refused }
                : rejected;
        }
    }

    /// <summary>
    /// Why <paramref name="branch"/> (hanging off <paramref name="ancestorHeight"/>) would answer a
    /// request twice on one chain — a block answering a request that a block below it, on the
    /// branch or the main chain up to the ancestor, already answers; null when it would not.
    /// Two chain grains can race for one request (a member dropped after a pause or a
    /// partition still stores for a moment); the chain keeps each request in one block.
    /// </summary>
    private string? AnsweredTwice(ulong ancestorHeight, Block[] branch)
    {
        var onBranch = new Dictionary<string, ulong>();
        foreach (var block in branch.Where(b => b.RequestId.Length > 0))
        {
            if (onBranch.TryGetValue(block.RequestId, out var at)
                || (FindRequest(block.RequestId, block.RequestKey, out at) && at <= ancestorHeight))
            {
                return $"block {block.Height} answers request {block.RequestId}, which block {at} below it already answers";
            }

            onBranch[block.RequestId] = block.Height;
        }

        return null;
    }

    private ChainUpdate Extend(Block[] blocks)
    {
        _store.Append(blocks);
        foreach (var block in blocks)
        {
            Index(block.Height, block.Header.Bits, block.Hash, block.RequestKey);
        }

        _tip = blocks[^1];
        return new ChainUpdate(ChainUpdateOutcome.Extended, $"tip is now block {blocks[^1].Height}") { Added = blocks };
    }

    private ChainUpdate ChooseFork(ulong ancestorHeight, Block[] branch)
    {
        var branchWork = branch.Aggregate(BigInteger.Zero, (sum, block) => sum + _work.Of(block.Header.Bits));
        var replacedWork = _work.Total - _work.UpTo(ancestorHeight);
        if (branchWork <= replacedWork)
        {
            return new ChainUpdate(ChainUpdateOutcome.LessWork, $"branch from block {ancestorHeight} carries {branchWork} expected hashes, not more than the main chain's {replacedWork}");
        }

        // What leaves the main chain, read before the store forgets it (the replica re-queues its requests).
        var removed = _store.ReadRange(ancestorHeight + 1, (int)(_tip.Height - ancestorHeight));
        _store.ReplaceFrom(ancestorHeight + 1, branch);

        // Lookups of removed blocks fail their check from here; start over when stale entries pile up.
        _work.Truncate(ancestorHeight + 1);
        if (_hashes.Count > 2 * (int)(ancestorHeight + 1 + (ulong)branch.Length))
        {
            RebuildLookups(ancestorHeight);
        }

        foreach (var block in branch)
        {
            Index(block.Height, block.Header.Bits, block.Hash, block.RequestKey);
        }

        _tip = branch[^1];
        return new ChainUpdate(ChainUpdateOutcome.Reorganized, $"adopted {branch.Length} block(s) from block {ancestorHeight} with more work ({branchWork} > {replacedWork} expected hashes); tip is now block {branch[^1].Height}")
        {
            Added = branch,
            Removed = removed,
        };
    }

    private void RebuildLookups(ulong height)
    {
        _hashes.Clear();
        _requests.Clear();
        for (ulong h = 0; h <= height; h++)
        {
            _hashes.Add(KeyOf(HashAt(h)), h);
            if (h > 0 && _store.RequestKeyAt(h) is var key and not 0)
            {
                _requests.Add(key, h);
            }
        }
    }

    private void Index(ulong height, uint bits, Hash256 hash, uint requestKey)
    {
        _work.Push(bits);
        _hashes.Add(KeyOf(hash), height);
        if (requestKey != 0)
        {
            _requests.Add(requestKey, height);
        }
    }

    private bool FindHash(Hash256 hash, out ulong height) =>
        _hashes.TryFind(KeyOf(hash), h => h <= _tip.Height && HashAt(h) == hash, out height);

    private bool IsOnMainChain(Block block) => block.Height <= _tip.Height && HashAt(block.Height) == block.Hash;

    private BlockHeader HeaderAt(ulong height) => height == 0 ? Genesis.Header : _store.Header(height);

    private Hash256 HashAt(ulong height) => height == 0 ? Genesis.Hash : height == _tip.Height ? _tip.Hash : _store.Hash(height);

    // The hash's last word: proof of work zeroes the first ones, not these.
    private static uint KeyOf(Hash256 hash) => hash.Word(7);
}
