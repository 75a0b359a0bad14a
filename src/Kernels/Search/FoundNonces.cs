namespace Beamchain.Kernels.Search;

/// <summary>Collects qualifying nonces up to <see cref="SearchResult.MaxFound"/>; not thread-safe (one per worker).</summary>
public sealed class FoundNonces
{
    private readonly List<ulong> _nonces = new(SearchResult.MaxFound);

    public bool IsFull => _nonces.Count >= SearchResult.MaxFound;

    public int Count => _nonces.Count;

    public void Add(ulong nonce)
    {
        if (!IsFull)
        {
            _nonces.Add(nonce);
        }
    }

    /// <summary>The union of several collectors: ascending, distinct, at most <see cref="SearchResult.MaxFound"/>.</summary>
    public static IReadOnlyList<ulong> Merge(IEnumerable<FoundNonces> parts) =>
        parts.SelectMany(p => p._nonces).Distinct().Order().Take(SearchResult.MaxFound).ToArray();
}
