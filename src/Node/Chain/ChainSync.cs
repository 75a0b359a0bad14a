using System.Numerics;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// Catches a <see cref="ChainState"/> up with peers, headers first:
/// <list type="number">
/// <item>find the highest block both main chains share (probing down from the lower tip in doubling steps);</item>
/// <item>fetch the best peer's headers above it in large batches and check them as a chain
/// (links, targets, proof of work) with their total work: a branch that is invalid or
/// carries no more work than what it would replace is refused before any data is fetched;</item>
/// <item>fetch the blocks in windows from every source at once (round robin, several
/// windows in flight), each block checked against the header already verified, and offer them
/// to <see cref="ChainState.TryAdopt"/> in order: a branch that forks below the tip is offered
/// as one piece up to the block where it overtakes the main chain's work (so the switch is
/// atomic), after that window by window.</item>
/// </list>
/// After a partition heals, each side adopts the other's chain exactly when it is the one with more work.
/// </summary>
public sealed class ChainSync(ChainState chain, int batch = ChainSync.DefaultBatch)
{
    public const int DefaultBatch = 2000;
    public const int HeaderBatch = 10_000;

    /// <summary>The most record bytes asked of a peer at once (gRPC messages stay well under their limit).</summary>
    public const long WindowBytes = 2 << 20;

    private const int WindowsInFlightPerSource = 2;

    /// <summary>
    /// Offers <paramref name="peer"/>'s chain up to <paramref name="peerHeight"/>, then
    /// <paramref name="tip"/> when given (an announced block whose parent was unknown).
    /// Network failures surface as exceptions; a malformed or invalid block as a rejection.
    /// </summary>
    public Task<ChainUpdate> CatchUpAsync(IBlockSource peer, ulong peerHeight, Block? tip, CancellationToken cancellationToken) =>
        CatchUpAsync([peer], peerHeight, tip, null, null, cancellationToken);

    /// <summary>
    /// Headers from <paramref name="sources"/>[0] (the peer with the most work), blocks from all
    /// of them (the list may grow while the sync runs: see <see cref="BlockSources"/>). Each adopted piece goes to <paramref name="adopted"/> as it lands (then the
    /// result carries no block lists, so a long sync holds no more than a few windows);
    /// <paramref name="progress"/> hears (blocks done, blocks to do, sources that have sent blocks) after each piece.
    /// </summary>
    public async Task<ChainUpdate> CatchUpAsync(
        IReadOnlyList<IBlockSource> sources, ulong peerHeight, Block? tip, Action<ChainUpdate>? adopted, Action<ulong, ulong, int>? progress, CancellationToken cancellationToken)
    {
        var best = sources[0];
        var added = new List<Block>();
        var removed = new List<Block>();
        ChainUpdate? last = null;
        var reorganized = false;
        void Land(ChainUpdate update)
        {
            last = update;
            reorganized |= update.Outcome == ChainUpdateOutcome.Reorganized;
            if (adopted is not null)
            {
                adopted(update);
            }
            else
            {
                added.AddRange(update.Added);
                removed.AddRange(update.Removed);
            }
        }

        ulong common;
        HeaderCheck check;
        try
        {
            common = await CommonHeightAsync(best, peerHeight, cancellationToken);
            check = await CheckHeadersAsync(best, common, peerHeight, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            return new ChainUpdate(ChainUpdateOutcome.Rejected, $"peer {best.Name} sent a malformed block: {e.Message}");
        }

        if (check.Rejection is { } rejection)
        {
            return new ChainUpdate(ChainUpdateOutcome.Rejected, $"peer {best.Name}'s headers: {rejection.Message}") { Verdict = rejection };
        }

        if (check.Hashes.Count > 0)
        {
            if (check.OvertakesAt is null)
            {
                return new ChainUpdate(ChainUpdateOutcome.LessWork, $"peer {best.Name}'s branch from block {common} carries {check.Work} expected hashes, not more than this chain's {chain.TotalWork - chain.WorkUpTo(common)}");
            }

            var failure = await FetchAndAdoptAsync(sources, common, check, Land, progress, cancellationToken);
            if (failure is not null)
            {
                return failure;
            }
        }

        if (tip is not null && chain.Height + 1 == tip.Height)
        {
            var update = chain.TryAppend(tip);
            if (!update.Changed)
            {
                return update;
            }

            Land(update);
        }

        if (last is null)
        {
            return new ChainUpdate(ChainUpdateOutcome.AlreadyKnown, $"peer {best.Name} has nothing this node lacks");
        }

        return new ChainUpdate(reorganized ? ChainUpdateOutcome.Reorganized : ChainUpdateOutcome.Extended, reorganized ? $"took peer {best.Name}'s branch from block {common}: {last.Message}" : last.Message)
        {
            Added = added,
            Removed = removed,
        };
    }

    private sealed record HeaderCheck(List<Hash256> Hashes, BigInteger Work, ulong? OvertakesAt, BlockVerdict? Rejection);

    private async Task<HeaderCheck> CheckHeadersAsync(IBlockSource best, ulong common, ulong peerHeight, CancellationToken cancellationToken)
    {
        var hashes = new List<Hash256>();
        if (!chain.TryGetBlock(common, out var ancestor))
        {
            return new HeaderCheck(hashes, BigInteger.Zero, null, null);
        }

        var replaced = chain.TotalWork - chain.WorkUpTo(common);
        var parent = ancestor.Header;
        var parentHash = ancestor.Hash;
        var work = BigInteger.Zero;
        ulong? overtakesAt = null;
        var works = new Dictionary<uint, BigInteger>();
        Task<IReadOnlyList<BlockHeader>>? Ask(ulong from) =>
            from <= peerHeight ? best.ReadHeadersAsync(from, (int)Math.Min(HeaderBatch, peerHeight - from + 1), cancellationToken) : null;

        // The next batch is on its way while this one is checked.
        var next = Ask(common + 1);
        for (var from = common + 1; next is not null;)
        {
            var headers = await next;
            next = headers.Count == 0 ? null : Ask(from + (ulong)headers.Count);
            if (headers.Count == 0)
            {
                break; // the peer's chain changed under us: take what it showed
            }

            foreach (var header in headers)
            {
                var hash = header.Hash();
                var verdict = chain.Validator.CheckHeaderLinks(parent, parentHash, header);
                if (verdict.IsValid)
                {
                    verdict = chain.Validator.CheckHeaderWork(parent, header, hash);
                }

                if (!verdict.IsValid)
                {
                    return new HeaderCheck(hashes, work, overtakesAt, verdict);
                }

                if (!works.TryGetValue(header.Bits, out var blockWork))
                {
                    works[header.Bits] = blockWork = Block.WorkOf(header.Bits);
                }

                work += blockWork;
                hashes.Add(hash);
                if (overtakesAt is null && work > replaced)
                {
                    overtakesAt = header.Height;
                }

                parent = header;
                parentHash = hash;
            }

            from += (ulong)headers.Count;
        }

        return new HeaderCheck(hashes, work, overtakesAt, null);
    }

    /// <summary>Fetches blocks common+1.. in windows from every source and adopts them in order; a rejection or a failure to fetch ends it.</summary>
    private async Task<ChainUpdate?> FetchAndAdoptAsync(
        IReadOnlyList<IBlockSource> sources, ulong common, HeaderCheck check, Action<ChainUpdate> land, Action<ulong, ulong, int>? progress, CancellationToken cancellationToken)
    {
        var total = (ulong)check.Hashes.Count;
        var top = common + total;
        var next = common + 1;
        var turn = 1; // the first window comes from the headers' source
        var inFlight = new Queue<Task<IReadOnlyList<Block>>>();
        var pending = new List<Block>();
        ulong done = 0;

        var serving = new HashSet<IBlockSource>();
        async Task<IReadOnlyList<Block>> Fetch(IBlockSource source, ulong from, int count)
        {
            var blocks = await source.ReadAsync(from, count, cancellationToken, WindowBytes);
            if (Matches(blocks, from))
            {
                lock (serving)
                {
                    serving.Add(source);
                }

                return blocks;
            }

            // A source on another chain (or one that lies): the headers' own source decides.
            blocks = source == sources[0] ? blocks : await sources[0].ReadAsync(from, count, cancellationToken, WindowBytes);
            return Matches(blocks, from) ? blocks : [];
        }

        bool Matches(IReadOnlyList<Block> blocks, ulong from)
        {
            for (var i = 0; i < blocks.Count; i++)
            {
                if (blocks[i].Height != from + (ulong)i || blocks[i].Hash != check.Hashes[(int)(from + (ulong)i - common - 1)])
                {
                    return false;
                }
            }

            return blocks.Count > 0;
        }

        // The first answer shows how many blocks fit in a window's bytes; later windows ask for
        // that many, so large blocks never pile up. An answer cut short by its byte limit is
        // completed from the best source.
        var expected = new Queue<(ulong From, int Count)>();

        // A short sync is still split among the sources (at least one window each).
        var share = (total + (ulong)sources.Count - 1) / (ulong)sources.Count;
        var first = await Fetch(sources[0], next, (int)Math.Min((ulong)batch, share));
        if (first.Count == 0)
        {
            return new ChainUpdate(ChainUpdateOutcome.Rejected, $"peer {sources[0].Name} sent blocks {next}.. that do not match its own headers");
        }

        var window = first.Count;
        inFlight.Enqueue(Task.FromResult(first));
        expected.Enqueue((next, first.Count));
        next += (ulong)first.Count;
        void Schedule()
        {
            while (next <= top && inFlight.Count < WindowsInFlightPerSource * sources.Count)
            {
                var count = (int)Math.Min((ulong)window, top - next + 1);
                inFlight.Enqueue(Fetch(sources[turn++ % sources.Count], next, count));
                expected.Enqueue((next, count));
                next += (ulong)count;
            }
        }

        Schedule();
        while (inFlight.Count > 0)
        {
            var blocks = await inFlight.Dequeue();
            var (from, count) = expected.Dequeue();

            // The next window is asked for before this one is adopted, so the peers stay busy meanwhile.
            Schedule();
            {
                if (blocks.Count == 0)
                {
                    return new ChainUpdate(ChainUpdateOutcome.Rejected, $"peer {sources[0].Name} sent blocks {from}.. that do not match its own headers");
                }

                var list = blocks.ToList();
                while (list.Count < count)
                {
                    var rest = await Fetch(sources[0], from + (ulong)list.Count, count - list.Count);
                    if (rest.Count == 0)
                    {
                        return new ChainUpdate(ChainUpdateOutcome.Rejected, $"peer {sources[0].Name} sent blocks {from + (ulong)list.Count}.. that do not match its own headers");
                    }

                    list.AddRange(rest);
                }

                pending.AddRange(list);
                done += (ulong)list.Count;
                if (pending[^1].Height >= check.OvertakesAt)
                {
                    var update = chain.TryAdopt(pending);
                    pending.Clear();
                    if (!update.Changed)
                    {
                        return update;
                    }

                    land(update);
                    lock (serving)
                    {
                        progress?.Invoke(done, total, serving.Count);
                    }
                }
            }
        }

        return null;
    }

    private async Task<ulong> CommonHeightAsync(IBlockSource peer, ulong peerHeight, CancellationToken cancellationToken)
    {
        var probe = Math.Min(chain.Height, peerHeight);
        ulong step = 1;
        while (probe > 0)
        {
            var theirs = await peer.ReadHeadersAsync(probe, 1, cancellationToken);
            if (theirs.Count == 1 && chain.TryGetHash(probe, out var ours) && ours == theirs[0].Hash())
            {
                return probe;
            }

            probe = probe > step ? probe - step : 0;
            step *= 2;
        }

        return 0; // genesis is fixed, so every chain shares it
    }
}
