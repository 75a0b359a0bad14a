using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Secret;

/// <summary>
/// Prints refused connections, one line each, but at most one line per <see cref="RefusalKind"/>
/// per <see cref="Interval"/> so that a flood of attempts cannot flood the log; the next line
/// printed for a kind says how many of that kind went unprinted since the previous one.
/// Each line starts with its topic (<c>cluster secret</c>, or <c>connections</c> on a node without one).
/// </summary>
public sealed class RefusalLog(ILogger log, TimeProvider time, TimeSpan interval, string topic = "cluster secret")
{
    public static TimeSpan DefaultInterval { get; } = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    // Printed at: a monotonic timestamp, so a step of the system clock neither silences refusals nor lets them flood.
    private readonly Dictionary<RefusalKind, (long PrintedAt, int Unprinted)> _kinds = [];

    public TimeSpan Interval => interval;

    /// <summary>Records one refusal: <paramref name="direction"/> is e.g. "connection from 127.0.0.1:5000".</summary>
    public void Refused(RefusalKind kind, string direction, string reason)
    {
        var now = time.GetTimestamp();
        int unprinted;
        lock (_gate)
        {
            if (_kinds.TryGetValue(kind, out var last) && time.GetElapsedTime(last.PrintedAt, now) < interval)
            {
                _kinds[kind] = last with { Unprinted = last.Unprinted + 1 };
                return;
            }

            unprinted = last.Unprinted;
            _kinds[kind] = (now, 0);
        }

        var more = unprinted > 0 ? $" ({unprinted} more like it not shown)" : "";
        log.LogWarning($"{topic}: refused {direction}: {reason}{more}");
    }
}
