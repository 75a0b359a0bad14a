using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Proto;

namespace Beamchain.Node.Grains;

/// <summary>A peer's chain replica as a <see cref="IBlockSource"/>: asks it with <see cref="ReadBlocks"/> and <see cref="ReadHeaders"/>.</summary>
public sealed class PeerBlockSource(ISenderContext sender, string address, TimeSpan timeout) : IBlockSource
{
    private readonly PID _replica = PID.FromAddress(address, ChainReplica.Name);

    public string Name => address;

    public async Task<IReadOnlyList<Block>> ReadAsync(ulong from, int count, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var request = new ReadBlocks { FromHeight = from, Count = count, MaxBytes = maxBytes == long.MaxValue ? 0 : maxBytes };
        var list = await sender.RequestAsync<BlockList>(_replica, request, deadline.Token);
        var payloads = new List<ReadOnlyMemory<byte>>();
        if (!BlockRecord.TrySplit(list.Records.Memory, payloads, out var malformed))
        {
            throw new InvalidDataException($"{address} sent blocks from height {from}: {malformed}");
        }

        var blocks = new List<Block>(payloads.Count);
        foreach (var payload in payloads)
        {
            if (!BlockRecord.TryDecode(payload.Span, out var block, out var error))
            {
                throw new InvalidDataException($"{address} sent block {from + (ulong)blocks.Count}: {error}");
            }

            blocks.Add(block);
        }

        return blocks;
    }

    public async Task<IReadOnlyList<BlockHeader>> ReadHeadersAsync(ulong from, int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var list = await sender.RequestAsync<HeaderList>(_replica, new ReadHeaders { FromHeight = from, Count = count }, deadline.Token);
        if (list.Headers.Length % BlockHeader.Size != 0)
        {
            throw new InvalidDataException($"headers come in {BlockHeader.Size}-byte pieces; {address} sent {list.Headers.Length} bytes");
        }

        var headers = new BlockHeader[list.Headers.Length / BlockHeader.Size];
        for (var i = 0; i < headers.Length; i++)
        {
            headers[i] = BlockHeader.Decode(list.Headers.Span.Slice(i * BlockHeader.Size, BlockHeader.Size));
        }

        return headers;
    }
}
