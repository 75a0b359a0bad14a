namespace Beamchain.Node.Chain;

/// <summary>
/// Catches a <see cref="ChainState"/> up with a peer's chain: finds the highest block both
/// main chains share (probing down from the lower tip in doubling steps), fetches the
/// peer's blocks above it in batches, and offers them to <see cref="ChainState.TryAdopt"/>
/// as one branch. So every fetched block is validated against its parent, and the branch is
/// taken only when it carries more work than what it would replace: after a partition
/// heals, each side adopts the other's chain exactly when it is the one with more work.
/// </summary>
public sealed class ChainSync(ChainState chain, int batch = ChainSync.DefaultBatch)
{
    public const int DefaultBatch = 500;

    /// <summary>
    /// Offers <paramref name="peer"/>'s chain up to <paramref name="peerHeight"/>, then
    /// <paramref name="tip"/> when given (an announced block whose parent was unknown).
    /// Network failures surface as exceptions; a malformed or invalid block as a rejection.
    /// </summary>
    public async Task<ChainUpdate> CatchUpAsync(IBlockSource peer, ulong peerHeight, Block? tip, CancellationToken cancellationToken)
    {
        var branch = new List<Block>();
        try
        {
            var common = await CommonHeightAsync(peer, peerHeight, cancellationToken);
            for (var from = common + 1; from <= peerHeight;)
            {
                var blocks = await peer.ReadAsync(from, (int)Math.Min((ulong)batch, peerHeight - from + 1), cancellationToken);
                if (blocks.Count == 0)
                {
                    break; // the peer's chain changed under us: offer what it sent
                }

                branch.AddRange(blocks);
                from += (ulong)blocks.Count;
            }
        }
        catch (InvalidDataException e)
        {
            return new ChainUpdate(ChainUpdateOutcome.Rejected, $"peer {peer.Name} sent a malformed block: {e.Message}");
        }

        if (tip is not null && (branch.Count == 0 || branch[^1].Height + 1 == tip.Height))
        {
            branch.Add(tip);
        }

        return branch.Count == 0
            ? new ChainUpdate(ChainUpdateOutcome.AlreadyKnown, $"peer {peer.Name} has nothing this node lacks")
            : chain.TryAdopt(branch);
    }

    private async Task<ulong> CommonHeightAsync(IBlockSource peer, ulong peerHeight, CancellationToken cancellationToken)
    {
        var probe = Math.Min(chain.Height, peerHeight);
        ulong step = 1;
        while (probe > 0)
        {
            var theirs = await peer.ReadAsync(probe, 1, cancellationToken);
            if (theirs.Count == 1 && chain.TryGetBlock(probe, out var ours) && ours.Hash == theirs[0].Hash)
            {
                return probe;
            }

            probe = probe > step ? probe - step : 0;
            step *= 2;
        }

        return 0; // genesis is fixed, so every chain shares it
    }
}
