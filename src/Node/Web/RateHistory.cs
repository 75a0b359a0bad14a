namespace Beamchain.Node.Web;

/// <summary>
/// The last <see cref="Capacity"/> rate samples, oldest first: the dashboard's hash-rate chart.
/// A page that opens late still sees the last minutes, and memory stays fixed however long the
/// node runs. Not thread-safe: one watcher adds, and reads happen on the same loop.
/// </summary>
public sealed class RateHistory(int capacity)
{
    private readonly Queue<RateSample> _samples = new(capacity);

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "keep at least one sample");

    public void Add(RateSample sample)
    {
        if (_samples.Count == Capacity)
        {
            _samples.Dequeue();
        }

        _samples.Enqueue(sample);
    }

    public IReadOnlyList<RateSample> Samples => _samples.ToArray();
}
