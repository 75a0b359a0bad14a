using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;

namespace Beamchain.Harness.Chains;

/// <summary>A chain in this process as an <see cref="IBlockSource"/>: measures sync without the network in between.</summary>
public sealed class ChainStateSource(ChainState chain, string name) : IBlockSource
{
    public string Name => name;

    public Task<IReadOnlyList<Block>> ReadAsync(ulong from, int count, CancellationToken cancellationToken, long maxBytes = long.MaxValue) =>
        Task.Run(() => chain.GetRange(from, count, maxBytes), cancellationToken);

    public Task<IReadOnlyList<BlockHeader>> ReadHeadersAsync(ulong from, int count, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<BlockHeader>>(() =>
        {
            var bytes = chain.GetHeaders(from, count);
            var headers = new BlockHeader[bytes.Length / BlockHeader.Size];
            for (var i = 0; i < headers.Length; i++)
            {
                headers[i] = BlockHeader.Decode(bytes.AsSpan(i * BlockHeader.Size, BlockHeader.Size));
            }

            return headers;
        }, cancellationToken);
}
