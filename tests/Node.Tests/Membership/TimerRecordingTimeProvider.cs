using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Membership;

/// <summary>A fake clock that also tells when code starts waiting on it, and for how long.</summary>
internal sealed class TimerRecordingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _dueTimes = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The due time of the next timer created (a <c>Task.Delay</c> on this clock creates one).</summary>
    public async Task<TimeSpan> NextTimerDueAsync() => await _dueTimes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _dueTimes.Writer.TryWrite(dueTime);
        return timer;
    }
}
