using Beamchain.Kernels.Search;

namespace Beamchain.Node.Tests.Grid;

/// <summary>A searcher that counts the qualifying nonces it found in the ranges it hashed whole (a range holding the most it reports is searched again in halves, and counted there).</summary>
public sealed class CountingSearcher(INonceSearcher inner) : INonceSearcher
{
    private long _found;

    public long Found => Interlocked.Read(ref _found);

    public string Name => inner.Name;

    public DeviceKind Kind => inner.Kind;

    public SearchResult Search(SearchJob job, NonceRange range, CancellationToken cancellationToken)
    {
        var result = inner.Search(job, range, cancellationToken);
        if (result.Hashed == range.Count && result.Found.Count < SearchResult.MaxFound)
        {
            Interlocked.Add(ref _found, result.Found.Count);
        }

        return result;
    }

    public void Dispose() => inner.Dispose();
}
