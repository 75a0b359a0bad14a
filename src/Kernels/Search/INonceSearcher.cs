namespace Beamchain.Kernels.Search;

/// <summary>
/// Hashes nonce ranges of a job on one device. Search blocks the calling thread; when
/// <paramref name="cancellationToken"/> fires it returns within about 50 ms with what it hashed.
/// One search at a time per searcher.
/// </summary>
public interface INonceSearcher : IDisposable
{
    string Name { get; }

    DeviceKind Kind { get; }

    SearchResult Search(SearchJob job, NonceRange range, CancellationToken cancellationToken);
}
