using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>Somewhere to fetch main-chain headers and blocks from by height: in practice, a peer's replica.</summary>
public interface IBlockSource
{
    /// <summary>Names the source in logs (a peer's address).</summary>
    string Name { get; }

    /// <summary>
    /// Up to <paramref name="count"/> blocks from height <paramref name="from"/> of the source's
    /// main chain; fewer (or none) past its tip or past <paramref name="maxBytes"/> of records.
    /// Throws <see cref="InvalidDataException"/> when the source sent something that is not a block.
    /// </summary>
    Task<IReadOnlyList<Block>> ReadAsync(ulong from, int count, CancellationToken cancellationToken, long maxBytes = long.MaxValue);

    /// <summary>Up to <paramref name="count"/> headers from height <paramref name="from"/>; fewer (or none) past the source's tip.</summary>
    Task<IReadOnlyList<BlockHeader>> ReadHeadersAsync(ulong from, int count, CancellationToken cancellationToken);
}
