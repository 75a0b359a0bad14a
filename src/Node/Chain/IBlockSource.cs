namespace Beamchain.Node.Chain;

/// <summary>Somewhere to fetch main-chain headers and blocks from by height: in practice, a peer's replica.</summary>
public interface IBlockSource
{
    /// <summary>Names the source in logs (a peer's address).</summary>
    string Name { get; }

    /// <summary>
    /// The records of up to <paramref name="count"/> blocks from height <paramref name="from"/> of the
    /// source's main chain, as consecutive <see cref="BlockRecord"/>s (what its store holds); fewer
    /// (or none) past its tip or past <paramref name="maxBytes"/> of records. Nothing in them is
    /// trusted: the receiver matches them to checked headers and validates them.
    /// </summary>
    Task<ReadOnlyMemory<byte>> ReadRecordsAsync(ulong from, int count, CancellationToken cancellationToken, long maxBytes = long.MaxValue);

    /// <summary>Up to <paramref name="count"/> headers from height <paramref name="from"/>, as consecutive 96-byte headers; fewer (or none) past the source's tip.</summary>
    Task<ReadOnlyMemory<byte>> ReadHeadersAsync(ulong from, int count, CancellationToken cancellationToken);
}
