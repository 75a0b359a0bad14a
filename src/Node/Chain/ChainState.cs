using System.Numerics;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// A node's main chain in memory, from genesis to the tip, with its cumulative work,
/// written through to an <see cref="IChainStore"/>. Blocks are offered with
/// <see cref="TryAppend"/> or, as a branch, <see cref="TryAdopt"/>; the valid chain with the
/// most work wins. Safe to call from several threads: each call sees and leaves one
/// consistent chain.
/// </summary>
public sealed class ChainState
{
    private readonly Lock _gate = new();
    private readonly IChainStore _store;
    private readonly TimeProvider _time;
    private readonly List<Block> _blocks = [];

    // _cumulativeWork[h] is the work of blocks 0..h, so a suffix's work is one subtraction.
    private readonly List<BigInteger> _cumulativeWork = [];
    private readonly Dictionary<Hash256, ulong> _heights = [];

    // Which main-chain block answers each mine request, so a request is never mined twice.
    private readonly Dictionary<string, ulong> _requests = [];

    /// <summary>Loads the chain from <paramref name="store"/>, whose blocks the store has already checked.</summary>
    public ChainState(IChainStore store, ChainRules rules, TimeProvider time)
    {
        _store = store;
        _time = time;
        Validator = new BlockValidator(rules, time);
        Push(Genesis.Block);
        foreach (var block in store.Blocks)
        {
            Push(block);
        }
    }

    public BlockValidator Validator { get; }

    public ChainRules Rules => Validator.Rules;

    public Block Tip
    {
        get
        {
            lock (_gate)
            {
                return _blocks[^1];
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
                return _cumulativeWork[^1];
            }
        }
    }

    public bool TryGetBlock(ulong height, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Block? block)
    {
        lock (_gate)
        {
            block = height < (ulong)_blocks.Count ? _blocks[(int)height] : null;
            return block is not null;
        }
    }

    /// <summary>The height of the main-chain block with <paramref name="hash"/>; false when it is not on the main chain.</summary>
    public bool TryGetHeight(Hash256 hash, out ulong height)
    {
        lock (_gate)
        {
            return _heights.TryGetValue(hash, out height);
        }
    }

    /// <summary>The height of the main-chain block that answers <paramref name="requestId"/>; false when none does.</summary>
    public bool TryGetRequestHeight(string requestId, out ulong height)
    {
        lock (_gate)
        {
            return _requests.TryGetValue(requestId, out height);
        }
    }

    /// <summary>Up to <paramref name="count"/> main-chain blocks from height <paramref name="from"/>; fewer (or none) past the tip.</summary>
    public IReadOnlyList<Block> GetRange(ulong from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            if (from >= (ulong)_blocks.Count)
            {
                return [];
            }

            var start = (int)from;
            return _blocks.GetRange(start, Math.Min(count, _blocks.Count - start)).ToArray();
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
            if (first.Height == 0 || !_heights.TryGetValue(first.Header.PreviousHash, out var ancestorHeight))
            {
                return new ChainUpdate(ChainUpdateOutcome.UnknownParent, $"block {first.Height}'s parent {first.Header.PreviousHash.ToHex()[..16]} is not on this node's main chain");
            }

            var fresh = branch.Skip(skip).ToArray();
            var parent = _blocks[(int)ancestorHeight];
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

            // A block too new for this clock is not invalid, only early: the blocks before it count, when they win on their own.
            var update = ancestorHeight == (ulong)_blocks.Count - 1 ? Extend(fresh[..valid]) : ChooseFork(ancestorHeight, fresh[..valid]);
            return refused.IsValid ? update
                : update.Changed ? update with { Message = $"{update.Message}; refused the rest: {refused.Message}", Verdict = refused }
                : rejected;
        }
    }

    private ChainUpdate Extend(Block[] blocks)
    {
        foreach (var block in blocks)
        {
            _store.Append(block);
            Push(block);
        }

        return new ChainUpdate(ChainUpdateOutcome.Extended, $"tip is now block {blocks[^1].Height}") { Added = blocks };
    }

    private ChainUpdate ChooseFork(ulong ancestorHeight, Block[] branch)
    {
        var branchWork = branch.Aggregate(BigInteger.Zero, (sum, block) => sum + block.Work);
        var replacedWork = _cumulativeWork[^1] - _cumulativeWork[(int)ancestorHeight];
        if (branchWork <= replacedWork)
        {
            return new ChainUpdate(ChainUpdateOutcome.LessWork, $"branch from block {ancestorHeight} carries {branchWork} expected hashes, not more than the main chain's {replacedWork}");
        }

        _store.ReplaceFrom(ancestorHeight + 1, branch);
        var removed = _blocks.GetRange((int)ancestorHeight + 1, _blocks.Count - (int)ancestorHeight - 1).ToArray();
        foreach (var block in removed)
        {
            _heights.Remove(block.Hash);
            if (block.RequestId.Length > 0)
            {
                _requests.Remove(block.RequestId);
            }
        }

        _blocks.RemoveRange((int)ancestorHeight + 1, removed.Length);
        _cumulativeWork.RemoveRange((int)ancestorHeight + 1, removed.Length);
        foreach (var block in branch)
        {
            Push(block);
        }

        return new ChainUpdate(ChainUpdateOutcome.Reorganized, $"adopted {branch.Length} block(s) from block {ancestorHeight} with more work ({branchWork} > {replacedWork} expected hashes); tip is now block {branch[^1].Height}")
        {
            Added = branch,
            Removed = removed,
        };
    }

    private bool IsOnMainChain(Block block) => block.Height < (ulong)_blocks.Count && _blocks[(int)block.Height].Hash == block.Hash;

    private void Push(Block block)
    {
        _cumulativeWork.Add((_cumulativeWork.Count == 0 ? BigInteger.Zero : _cumulativeWork[^1]) + block.Work);
        _heights[block.Hash] = block.Height;
        if (block.RequestId.Length > 0)
        {
            _requests.TryAdd(block.RequestId, block.Height);
        }

        _blocks.Add(block);
    }
}
