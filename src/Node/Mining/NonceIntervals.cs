namespace Beamchain.Node.Mining;

/// <summary>
/// A set of nonces kept as sorted, disjoint, non-touching intervals <c>[Start, End)</c>.
/// Adding reports how many of the added nonces were already present, which is how the
/// lease book measures duplicated work instead of assuming there is none.
/// </summary>
public sealed class NonceIntervals
{
    private readonly List<(ulong Start, ulong End)> _intervals = [];

    public int IntervalCount => _intervals.Count;

    public ulong Total { get; private set; }

    /// <summary>Adds <c>[start, end)</c>; returns how many of those nonces were already in the set.</summary>
    public ulong Add(ulong start, ulong end)
    {
        if (end <= start)
        {
            return 0;
        }

        // First interval that ends at or after start: it may touch or overlap the new one.
        var first = FirstEndingAtOrAfter(start);
        var last = first;
        ulong overlap = 0;
        var mergedStart = start;
        var mergedEnd = end;
        while (last < _intervals.Count && _intervals[last].Start <= end)
        {
            var (s, e) = _intervals[last];
            var lo = Math.Max(s, start);
            var hi = Math.Min(e, end);
            if (hi > lo)
            {
                overlap += hi - lo;
            }

            mergedStart = Math.Min(mergedStart, s);
            mergedEnd = Math.Max(mergedEnd, e);
            Total -= e - s;
            last++;
        }

        _intervals.RemoveRange(first, last - first);
        _intervals.Insert(first, (mergedStart, mergedEnd));
        Total += mergedEnd - mergedStart;
        return overlap;
    }

    /// <summary>The parts of <c>[start, end)</c> not in the set, ascending.</summary>
    public IReadOnlyList<(ulong Start, ulong End)> Gaps(ulong start, ulong end)
    {
        var gaps = new List<(ulong Start, ulong End)>();
        var at = start;
        for (var i = FirstEndingAtOrAfter(start); i < _intervals.Count && _intervals[i].Start < end && at < end; i++)
        {
            var (s, e) = _intervals[i];
            if (s > at)
            {
                gaps.Add((at, s));
            }

            at = Math.Max(at, e);
        }

        if (at < end)
        {
            gaps.Add((at, end));
        }

        return gaps;
    }

    /// <summary>How many nonces from <paramref name="start"/> on are in the set without a gap.</summary>
    public ulong CoveredFrom(ulong start)
    {
        var index = FirstEndingAtOrAfter(start);
        return index < _intervals.Count && _intervals[index].Start <= start ? _intervals[index].End - start : 0;
    }

    private int FirstEndingAtOrAfter(ulong value)
    {
        int lo = 0, hi = _intervals.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_intervals[mid].End < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
