using Beamchain.Node.Chain;

namespace Beamchain.Node.Tests.Chain;

/// <summary>A peer's chain as a block source, optionally with its blocks swapped for others (a tampering peer).</summary>
internal sealed class ChainBlockSource(ChainState peer, Func<Block, Block>? tamper = null) : IBlockSource
{
    public string Name => "peer";

    public Task<IReadOnlyList<Block>> ReadAsync(ulong from, int count, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Block>>(peer.GetRange(from, count).Select(tamper ?? (b => b)).ToArray());
}
