using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// Catches a <see cref="ChainState"/> up with peers, headers first:
/// <list type="number">
/// <item>find the highest block both main chains share (probing down from the lower tip in doubling steps);</item>
/// <item>fetch the best peer's headers above it in large batches and check them as a chain
/// (<see cref="VerifiedHeaders"/>: links, targets, proof of work) with their total work: a branch
/// that is invalid or carries no more work than what it would replace is refused before any data is fetched;</item>
/// <item>once the checked headers carry more work than what they would replace, fetch the blocks
/// in windows from every source at once (round robin, several windows in flight) while later
/// headers are still fetched and checked, a bounded distance ahead. Each block must carry the
/// checked header byte for byte; the blocks go to <see cref="ChainState.TryAdopt"/> in order: a
/// branch that forks below the tip is offered as one piece up to the block where it overtakes the
/// main chain's work (so the switch is atomic), after that window by window.</item>
/// </list>
/// A header found invalid after earlier windows were adopted ends the sync there; the blocks
/// adopted were valid and carried more work, so they stay. After a partition heals, each side
/// adopts the other's chain exactly when it is the one with more work.
/// </summary>
public sealed class ChainSync(ChainState chain, int batch = ChainSync.DefaultBatch)
{
    public const int DefaultBatch = 2000;
    public const int HeaderBatch = 10_000;

    /// <summary>The most record bytes asked of a peer at once (gRPC messages stay well under their limit).</summary>
    public const long WindowBytes = 2 << 20;

    private const int WindowsInFlightPerSource = 2;

    // How far checked headers run ahead of the blocks asked for: far enough that windows never
    // wait for headers, near enough that a long sync holds only a few MB of them.
    private const int HeadersAhead = 3 * HeaderBatch;

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

        ulong common = 0;
        ChainUpdate? failure = null;
        try
        {
            common = await CommonHeightAsync(best, peerHeight, cancellationToken);
            if (common < peerHeight && chain.TryGetBlock(common, out var ancestor))
            {
                var headers = new VerifiedHeaders(chain.Validator, ancestor, chain.TotalWork - chain.WorkUpTo(common));
                failure = await FetchAndAdoptAsync(sources, peerHeight, headers, Land, progress, cancellationToken);
            }
        }
        catch (InvalidDataException e)
        {
            return new ChainUpdate(ChainUpdateOutcome.Rejected, $"peer {best.Name} sent a malformed block: {e.Message}");
        }

        if (failure is not null)
        {
            return failure;
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

    /// <summary>
    /// Checks the best source's headers above <paramref name="headers"/>' ancestor batch by batch and,
    /// once they overtake, fetches their blocks in windows from every source and adopts them in
    /// order; a rejection, a branch with less work or a failure to fetch ends it (null: all adopted).
    /// </summary>
    private async Task<ChainUpdate?> FetchAndAdoptAsync(
        IReadOnlyList<IBlockSource> sources, ulong peerHeight, VerifiedHeaders headers, Action<ChainUpdate> land, Action<ulong, ulong, int>? progress, CancellationToken cancellationToken)
    {
        var best = sources[0];
        var common = headers.Ancestor;
        var next = common + 1; // the lowest height no window has asked for yet
        var turn = 1; // the first window comes from the headers' source

        // The first answer shows how many blocks fit in a window's bytes; later windows ask for
        // that many, so large blocks never pile up. An answer cut short by its byte limit is
        // completed from the best source.
        var window = 0;

        // A short sync is still split among the sources (at least one window each).
        var share = Math.Max(1UL, (peerHeight - common + (ulong)sources.Count - 1) / (ulong)sources.Count);
        var inFlight = new Queue<(Task<(Block[]? Blocks, string Problem)> Fetched, VerifiedWindow Expected)>();
        Task<ReadOnlyMemory<byte>>? headerBatch = null;
        var headersEnded = false;
        var pending = new List<Block>();
        ulong done = 0;
        var serving = new HashSet<IBlockSource>();

        async Task<(Block[]? Blocks, string Problem)> Fetch(IBlockSource source, VerifiedWindow expected)
        {
            var fetched = await FetchFromAsync(source, expected, cancellationToken);
            if (fetched.Blocks is not null)
            {
                lock (serving)
                {
                    serving.Add(source);
                }

                return fetched;
            }

            // A source on another chain (or one that lies): the headers' own source decides.
            return source == best ? fetched : await FetchFromAsync(best, expected, cancellationToken);
        }

        void Schedule()
        {
            // No block is asked for before the checked headers carry more work than they would replace.
            if (headers.OvertakesAt is null || (window == 0 && inFlight.Count > 0))
            {
                return;
            }

            while (next <= headers.Top && inFlight.Count < WindowsInFlightPerSource * sources.Count)
            {
                var first = window == 0;
                var count = first ? Math.Min((ulong)batch, share) : (ulong)window;
                var expected = headers.Window(next, (int)Math.Min(count, headers.Top - next + 1));
                inFlight.Enqueue((Fetch(first ? best : sources[turn++ % sources.Count], expected), expected));
                next += (ulong)expected.Count;
                if (first)
                {
                    return;
                }
            }
        }

        ulong Total() => (headersEnded ? headers.Top : Math.Max(peerHeight, headers.Top)) - common;

        try
        {
            while (true)
            {
                if (headerBatch is null && !headersEnded && headers.Top < peerHeight && (headers.OvertakesAt is null || headers.Top < next + HeadersAhead))
                {
                    headerBatch = best.ReadHeadersAsync(headers.Top + 1, (int)Math.Min(HeaderBatch, peerHeight - headers.Top), cancellationToken);
                }

                Schedule();
                if (headerBatch is null && inFlight.Count == 0)
                {
                    break;
                }

                // Headers are checked as soon as they come; windows are adopted in order.
                if (headerBatch is not null && (headerBatch.IsCompleted || inFlight.Count == 0))
                {
                    var bytes = await headerBatch;
                    headerBatch = null;
                    if (bytes.Length == 0)
                    {
                        headersEnded = true; // the peer's chain changed under us: take what it showed
                        continue;
                    }

                    var verdict = headers.Add(bytes);
                    if (!verdict.IsValid)
                    {
                        return new ChainUpdate(ChainUpdateOutcome.Rejected, $"peer {best.Name}'s headers: {verdict.Message}") { Verdict = verdict };
                    }

                    continue;
                }

                var (fetching, expected) = inFlight.Peek();
                if (!fetching.IsCompleted && headerBatch is not null)
                {
                    await Task.WhenAny(fetching, headerBatch);
                    continue;
                }

                inFlight.Dequeue();
                var (blocks, problem) = await fetching;
                if (blocks is null)
                {
                    return new ChainUpdate(ChainUpdateOutcome.Rejected, $"peer {best.Name} sent blocks {expected.From}.. that do not match its own headers: {problem}");
                }

                if (window == 0)
                {
                    window = blocks.Length;
                }

                // The next window is asked for before this one is adopted, so the peers stay busy meanwhile.
                Schedule();
                pending.AddRange(blocks);
                for (var got = blocks.Length; got < expected.Count;)
                {
                    var (rest, why) = await Fetch(best, expected.Slice(got, expected.Count - got));
                    if (rest is null)
                    {
                        return new ChainUpdate(ChainUpdateOutcome.Rejected, $"peer {best.Name} sent blocks {expected.From + (ulong)got}.. that do not match its own headers: {why}");
                    }

                    pending.AddRange(rest);
                    got += rest.Length;
                }

                done += (ulong)expected.Count;
                if (pending[^1].Height >= headers.OvertakesAt)
                {
                    var update = chain.TryAdopt(pending);
                    pending.Clear();
                    if (!update.Changed)
                    {
                        return update;
                    }

                    land(update);
                    headers.Forget(expected.Last + 1);
                    lock (serving)
                    {
                        progress?.Invoke(done, Total(), serving.Count);
                    }
                }
            }
        }
        finally
        {
            // What is still under way when the sync ends early is not waited for; its failures are not news.
            foreach (var (fetching, _) in inFlight)
            {
                Ignore(fetching);
            }

            if (headerBatch is not null)
            {
                Ignore(headerBatch);
            }
        }

        return headers.OvertakesAt is null && headers.Top > common
            ? new ChainUpdate(ChainUpdateOutcome.LessWork, $"peer {best.Name}'s branch from block {common} carries {headers.Work} expected hashes, not more than this chain's {chain.TotalWork - chain.WorkUpTo(common)}")
            : null;
    }

    /// <summary>
    /// The blocks of <paramref name="expected"/> as <paramref name="source"/> sends them (fewer when
    /// its answer was cut by <see cref="WindowBytes"/>); no blocks, and why, when they are not the
    /// blocks of those headers.
    /// </summary>
    private static async Task<(Block[]? Blocks, string Problem)> FetchFromAsync(IBlockSource source, VerifiedWindow expected, CancellationToken cancellationToken)
    {
        var records = await source.ReadRecordsAsync(expected.From, expected.Count, cancellationToken, WindowBytes);
        if (!expected.TryMatch(records, out var blocks, out var problem))
        {
            return (null, problem);
        }

        // Hashed here, beside the other windows in flight, rather than in the adoption that takes
        // one window at a time: each block keeps the answers.
        Block.HashAll(blocks);

        return (blocks, "");
    }

    private static void Ignore(Task task) => task.ContinueWith(static t => { _ = t.Exception; }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task<ulong> CommonHeightAsync(IBlockSource peer, ulong peerHeight, CancellationToken cancellationToken)
    {
        var probe = Math.Min(chain.Height, peerHeight);
        ulong step = 1;
        while (probe > 0)
        {
            var theirs = await peer.ReadHeadersAsync(probe, 1, cancellationToken);
            if (theirs.Length == BlockHeader.Size && chain.TryGetHash(probe, out var ours) && ours == Hash256.Of(theirs.Span))
            {
                return probe;
            }

            probe = probe > step ? probe - step : 0;
            step *= 2;
        }

        return 0; // genesis is fixed, so every chain shares it
    }
}
