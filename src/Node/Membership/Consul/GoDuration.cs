namespace Beamchain.Node.Membership.Consul;

/// <summary>Writes durations the way Consul's HTTP API reads them (Go's <c>time.ParseDuration</c>).</summary>
public static class GoDuration
{
    /// <summary>
    /// The shortest exact form in one unit: "1h", "1m", "10s", "500ms", "250us".
    /// Sub-microsecond remainders are rounded up, because a shorter TTL or wait than asked is the worse error.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A Consul duration cannot be negative.");
        }

        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var ticks = duration.Ticks;
        if (ticks % TimeSpan.TicksPerHour == 0)
        {
            return $"{ticks / TimeSpan.TicksPerHour}h";
        }

        if (ticks % TimeSpan.TicksPerMinute == 0)
        {
            return $"{ticks / TimeSpan.TicksPerMinute}m";
        }

        if (ticks % TimeSpan.TicksPerSecond == 0)
        {
            return $"{ticks / TimeSpan.TicksPerSecond}s";
        }

        if (ticks % TimeSpan.TicksPerMillisecond == 0)
        {
            return $"{ticks / TimeSpan.TicksPerMillisecond}ms";
        }

        var microseconds = (ticks + TimeSpan.TicksPerMicrosecond - 1) / TimeSpan.TicksPerMicrosecond;
        return $"{microseconds}us";
    }
}
