using System.Collections;

namespace Beamchain.Node.Chain;

/// <summary>
/// The peers one sync fetches blocks from: the first is the one whose headers were checked;
/// others on the same tip can join while the sync runs (a member that joined the cluster
/// meanwhile), and the sync hands them windows from then on. It only grows. Thread-safe: the
/// sync reads it while the replica adds to it.
/// </summary>
public sealed class BlockSources : IReadOnlyList<IBlockSource>
{
    private readonly Lock _gate = new();
    private readonly List<IBlockSource> _sources;

    public BlockSources(IEnumerable<IBlockSource> sources)
    {
        _sources = [.. sources];
        ArgumentOutOfRangeException.ThrowIfZero(_sources.Count);
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sources.Count;
            }
        }
    }

    public IBlockSource this[int index]
    {
        get
        {
            lock (_gate)
            {
                return _sources[index];
            }
        }
    }

    /// <summary>Adds <paramref name="source"/> unless one of that name is already here; true when it was added.</summary>
    public bool TryAdd(IBlockSource source)
    {
        lock (_gate)
        {
            if (_sources.Any(s => s.Name == source.Name))
            {
                return false;
            }

            _sources.Add(source);
            return true;
        }
    }

    public IEnumerator<IBlockSource> GetEnumerator()
    {
        lock (_gate)
        {
            return _sources.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
