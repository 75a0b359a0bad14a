using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;

namespace Beamchain.Node.Tests.Chain;

/// <summary>A peer's chain as a block source, optionally with its blocks swapped for others (a tampering peer).</summary>
internal sealed class ChainBlockSource(ChainState peer, Func<Block, Block>? tamper = null, string name = "peer") : IBlockSource
{
    public string Name => name;

    /// <summary>Blocks this source has served.</summary>
    public int BlocksServed { get; private set; }

    public Task<IReadOnlyList<Block>> ReadAsync(ulong from, int count, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
    {
        var blocks = peer.GetRange(from, count, maxBytes).Select(tamper ?? (b => b)).ToArray();
        BlocksServed += blocks.Length;
        return Task.FromResult<IReadOnlyList<Block>>(blocks);
    }

    public Task<IReadOnlyList<BlockHeader>> ReadHeadersAsync(ulong from, int count, CancellationToken cancellationToken)
    {
        if (tamper is not null)
        {
            return Task.FromResult<IReadOnlyList<BlockHeader>>(peer.GetRange(from, count).Select(tamper).Select(b => b.Header).ToArray());
        }

        var bytes = peer.GetHeaders(from, count);
        var headers = Enumerable.Range(0, bytes.Length / BlockHeader.Size).Select(i => BlockHeader.Decode(bytes.AsSpan(i * BlockHeader.Size, BlockHeader.Size))).ToArray();
        return Task.FromResult<IReadOnlyList<BlockHeader>>(headers);
    }
}
