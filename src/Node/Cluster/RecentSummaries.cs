using Beamchain.Node.Grains;

namespace Beamchain.Node.Cluster;

/// <summary>
/// How the most recent blocks were mined, by height, as announced to this node: only the
/// highest <paramref name="capacity"/> are kept, so a node that runs for years holds a bounded
/// number (older ones are on every node's console, not in memory).
/// </summary>
internal sealed class RecentSummaries(int capacity = RecentSummaries.DefaultCapacity)
{
    public const int DefaultCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<ulong, JobSummary> _byHeight = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byHeight.Count;
            }
        }
    }

    public void Add(ulong height, JobSummary summary)
    {
        lock (_gate)
        {
            _byHeight[height] = summary;
            while (_byHeight.Count > capacity)
            {
                _byHeight.Remove(_byHeight.Keys.First());
            }
        }
    }

    /// <summary>The summary of the block at <paramref name="height"/>; null when none was announced or it is no longer among the recent ones.</summary>
    public JobSummary? Get(ulong height)
    {
        lock (_gate)
        {
            return _byHeight.GetValueOrDefault(height);
        }
    }
}
