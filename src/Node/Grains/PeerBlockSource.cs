using Beamchain.Node.Chain;
using Proto;

namespace Beamchain.Node.Grains;

/// <summary>A peer's chain replica as a <see cref="IBlockSource"/>: asks it with <see cref="ReadBlocks"/> and <see cref="ReadHeaders"/>.</summary>
public sealed class PeerBlockSource(ISenderContext sender, string address, TimeSpan timeout) : IBlockSource
{
    private readonly PID _replica = PID.FromAddress(address, ChainReplica.Name);

    public string Name => address;

    public async Task<ReadOnlyMemory<byte>> ReadRecordsAsync(ulong from, int count, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var request = new ReadBlocks { FromHeight = from, Count = count, MaxBytes = maxBytes == long.MaxValue ? 0 : maxBytes };
        var list = await sender.RequestAsync<BlockList>(_replica, request, deadline.Token);
        return list.Records.Memory;
    }

    public async Task<ReadOnlyMemory<byte>> ReadHeadersAsync(ulong from, int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var list = await sender.RequestAsync<HeaderList>(_replica, new ReadHeaders { FromHeight = from, Count = count }, deadline.Token);
        return list.Headers.Memory;
    }
}
