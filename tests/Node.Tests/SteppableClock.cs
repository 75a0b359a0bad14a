using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests;

/// <summary>A fake clock whose wall time can be stepped (as NTP or <c>date -s</c> do) without moving its monotonic time.</summary>
internal sealed class SteppableClock : TimeProvider
{
    private readonly FakeTimeProvider _monotonic = new();
    private TimeSpan _stepped;

    /// <summary>Time passes: both clocks move.</summary>
    public void Advance(TimeSpan by) => _monotonic.Advance(by);

    /// <summary>The wall clock jumps by <paramref name="by"/>; the monotonic clock does not.</summary>
    public void Step(TimeSpan by) => _stepped += by;

    private TimeSpan _stopWithinNextWallReading;

    /// <summary>The process will stand still for <paramref name="by"/> in the middle of the next wall-clock reading (a SIGSTOP landing there).</summary>
    public void StopWithinNextWallReading(TimeSpan by) => _stopWithinNextWallReading = by;

    public override DateTimeOffset GetUtcNow()
    {
        var now = _monotonic.GetUtcNow() + _stepped;
        _monotonic.Advance(_stopWithinNextWallReading);
        _stopWithinNextWallReading = TimeSpan.Zero;
        return now;
    }

    public override long GetTimestamp() => _monotonic.GetTimestamp();

    public override long TimestampFrequency => _monotonic.TimestampFrequency;
}
