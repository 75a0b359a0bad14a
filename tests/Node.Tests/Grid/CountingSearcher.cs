using Beamchain.Kernels.Search;

namespace Beamchain.Node.Tests.Grid;

/// <summary>
/// Counts the shares a worker finds in the slices it hashes to the end. A worker hashes a slice
/// with <c>QualifyingNonces.Find</c>: one search of the slice, and while a search reports
/// <see cref="SearchResult.MaxFound"/>, its two halves in turn, first to last. When a new job
/// cancels one of those searches the worker drops the whole slice, the shares its finished
/// halves found included, so those count only once the search that ends the slice finishes.
/// </summary>
public sealed class CountingSearcher(INonceSearcher inner) : INonceSearcher
{
    private readonly Lock _gate = new();
    private NonceRange? _slice;
    private long _pending;
    private long _found;

    public long Found
    {
        get
        {
            lock (_gate)
            {
                return _found;
            }
        }
    }

    public string Name => inner.Name;

    public DeviceKind Kind => inner.Kind;

    public SearchResult Search(SearchJob job, NonceRange range, CancellationToken cancellationToken)
    {
        var result = inner.Search(job, range, cancellationToken);
        lock (_gate)
        {
            if (_slice is not { } slice || range.Start < slice.Start || range.End > slice.End)
            {
                (_slice, _pending) = (range, 0); // a new slice
            }

            if (result.Hashed < range.Count)
            {
                (_slice, _pending) = (null, 0); // cancelled: the worker drops the slice
            }
            else if (result.Found.Count < SearchResult.MaxFound)
            {
                _pending += result.Found.Count;
                if (range.End == _slice!.Value.End)
                {
                    (_found, _slice, _pending) = (_found + _pending, null, 0); // the slice is done
                }
            }
        }

        return result;
    }

    public void Dispose() => inner.Dispose();
}
