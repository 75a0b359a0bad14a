using Beamchain.Kernels.Search;

namespace Beamchain.Node.Grid;

/// <summary>
/// Every nonce of a range meeting a job's target. A search reports at most
/// <see cref="SearchResult.MaxFound"/>, so a range with that many is split and searched again:
/// shares are far more frequent than blocks, and an audit must see all of them.
/// </summary>
public static class QualifyingNonces
{
    /// <summary>Ascending; null when cancelled before the whole range was hashed.</summary>
    public static IReadOnlyList<ulong>? Find(INonceSearcher searcher, SearchJob job, NonceRange range, CancellationToken cancellationToken)
    {
        var result = searcher.Search(job, range, cancellationToken);
        if (result.Hashed < range.Count)
        {
            return null;
        }

        if (result.Found.Count < SearchResult.MaxFound || range.Count == 1)
        {
            return result.Found;
        }

        var half = range.Count / 2;
        var low = Find(searcher, job, new NonceRange(range.Start, half), cancellationToken);
        var high = low is null ? null : Find(searcher, job, new NonceRange(range.Start + half, range.Count - half), cancellationToken);
        return low is null || high is null ? null : [.. low, .. high];
    }
}
