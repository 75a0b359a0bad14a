namespace Beamchain.Node.Worker;

/// <summary>
/// Spaces a volunteer's messages to stay inside the gateway's budget (by default 20 a second,
/// bursts of 40; see <c>GridSettings</c>): <paramref name="perSecond"/> on average, bursts of
/// <paramref name="burst"/>. Messages are delayed, never dropped: the gateway refuses messages
/// over its budget unread, and a share it never read fails the audit of its work.
/// </summary>
public sealed class SendPace(double perSecond, int burst, TimeProvider time)
{
    /// <summary>The browser page's pace too (grid-client.js), a quarter under the gateway's default budget.</summary>
    public const double DefaultPerSecond = 15;

    public const int DefaultBurst = 30;

    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    /// <summary>Takes the next message's turn: how long to wait before sending it (zero within the budget). Messages take turns in the order they call this.</summary>
    public TimeSpan Take()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
        _last = now;
        _tokens--;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / perSecond);
    }
}
