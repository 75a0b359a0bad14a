namespace Beamchain.Node.Mining;

/// <summary>
/// A node's progress lines, like the seed's (<c>node-a: 10550000 nonces processed</c>):
/// the nonces this node's miners hashed on the current job, printed at most once per
/// <see cref="Interval"/> however many devices report.
/// </summary>
public sealed class MiningProgress(string node, TextWriter output, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private string? _jobId;
    private ulong _processed;
    private long? _lastPrinted;

    public void Add(string jobId, ulong nonces)
    {
        string? line = null;
        lock (_gate)
        {
            if (jobId != _jobId)
            {
                (_jobId, _processed, _lastPrinted) = (jobId, 0, null);
            }

            _processed += nonces;
            var now = time.GetTimestamp();
            if (_lastPrinted is not { } last || time.GetElapsedTime(last, now) >= Interval)
            {
                _lastPrinted = now;
                line = $"{node}: {_processed} nonces processed";
            }
        }

        if (line is not null)
        {
            output.WriteLine(line);
        }
    }
}
