namespace Beamchain.Node.Clock;

/// <summary>
/// Notices the system clock being stepped while the process runs (NTP stepping a clock that
/// was far off, <c>date -s</c>, a virtual machine restored from a snapshot): between two looks
/// the wall clock moved by more or less than the monotonic clock did, by at least
/// <see cref="Threshold"/>. NTP's slewing (at most 0.5 ms a second) never adds up to that
/// between looks, and a process that stood still sees both clocks move alike.
/// </summary>
public sealed class WallClockSteps(TimeProvider time)
{
    /// <summary>The smallest jump reported.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan ReadingSpread = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private DateTimeOffset _wall = time.GetUtcNow();
    private long _monotonic = time.GetTimestamp();

    /// <summary>How far the wall clock jumped since the last look (positive: ahead, negative: back), if it did.</summary>
    public TimeSpan? Observe()
    {
        lock (_gate)
        {
            // The wall clock read between two monotonic readings: a pause of this thread (or of
            // the process, SIGSTOP) between the readings would look like a step, so then this look
            // is skipped and the next one measures from the last good pair.
            var monotonic = time.GetTimestamp();
            var wall = time.GetUtcNow();
            if (time.GetElapsedTime(monotonic) > ReadingSpread)
            {
                return null;
            }

            var step = wall - _wall - time.GetElapsedTime(_monotonic, monotonic);
            (_wall, _monotonic) = (wall, monotonic);
            return step.Duration() >= Threshold ? step : null;
        }
    }
}
