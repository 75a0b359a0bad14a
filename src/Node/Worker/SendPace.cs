namespace Beamchain.Node.Worker;

/// <summary>
/// Spaces a volunteer's messages to stay inside the gateway's budget, which hello's answer
/// states (<c>limits</c>; by default 20 a second, bursts of 40): <paramref name="perSecond"/> on
/// average, bursts of <paramref name="burst"/>. Messages are delayed, never dropped: the gateway
/// refuses messages over its budget unread, and a share it never read fails the audit of its work.
/// </summary>
public sealed class SendPace(double perSecond, int burst, TimeProvider time)
{
    /// <summary>The share of the gateway's budget used, leaving room for timing jitter on the way.</summary>
    public const double Share = 0.75;

    /// <summary>The gateway's default budget (<c>GridSettings</c>), assumed until hello's answer states one.</summary>
    public const double DefaultGatewayPerSecond = 20;

    public const int DefaultGatewayBurst = 40;

    /// <summary>A pace at <see cref="Share"/> of a gateway's budget of <paramref name="gatewayPerSecond"/> a second and bursts of <paramref name="gatewayBurst"/> (15 and 30 for the default, the browser page's pace).</summary>
    public static SendPace Within(double gatewayPerSecond, int gatewayBurst, TimeProvider time) =>
        new(gatewayPerSecond * Share, Math.Max(1, (int)(gatewayBurst * Share)), time);

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
