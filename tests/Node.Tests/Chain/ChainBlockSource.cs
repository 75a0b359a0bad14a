using Beamchain.Node.Chain;

namespace Beamchain.Node.Tests.Chain;

/// <summary>A peer's chain as a block source, optionally with its blocks swapped for others (a tampering peer).</summary>
internal sealed class ChainBlockSource(ChainState peer, Func<Block, Block>? tamper = null, string name = "peer") : IBlockSource
{
    public string Name => name;

    /// <summary>Blocks this source has served.</summary>
    public int BlocksServed { get; private set; }

    public Task<ReadOnlyMemory<byte>> ReadRecordsAsync(ulong from, int count, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
    {
        var blocks = peer.GetRange(from, count, maxBytes).Select(tamper ?? (b => b)).ToArray();
        BlocksServed += blocks.Length;
        return Task.FromResult<ReadOnlyMemory<byte>>(blocks.SelectMany(BlockRecord.Encode).ToArray());
    }

    public Task<ReadOnlyMemory<byte>> ReadHeadersAsync(ulong from, int count, CancellationToken cancellationToken)
    {
        var bytes = tamper is null ? peer.GetHeaders(from, count) : peer.GetRange(from, count).Select(tamper).SelectMany(b => b.Header.ToBytes()).ToArray();
        return Task.FromResult<ReadOnlyMemory<byte>>(bytes);
    }
}
