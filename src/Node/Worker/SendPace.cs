using Beamchain.Node.Grid;

namespace Beamchain.Node.Worker;

/// <summary>
/// A volunteer's pace: a share of the budget the gateway states in hello's answer (<c>limits</c>;
/// by default 20 messages a second, bursts of 40), kept with the gateway's own token bucket
/// (<see cref="MessageBudget.TakeTurn"/>). Messages are delayed, never dropped: the gateway
/// refuses messages over its budget unread, and a share it never read fails the audit of its work.
/// </summary>
public static class SendPace
{
    /// <summary>The share of the gateway's budget used, leaving room for timing jitter on the way.</summary>
    public const double Share = 0.75;

    /// <summary>The gateway's default budget (<c>GridSettings</c>), assumed until hello's answer states one.</summary>
    public const double DefaultGatewayPerSecond = 20;

    public const int DefaultGatewayBurst = 40;

    /// <summary>A pace at <see cref="Share"/> of a gateway's budget of <paramref name="gatewayPerSecond"/> a second and bursts of <paramref name="gatewayBurst"/> (15 and 30 for the default, the browser page's pace).</summary>
    public static MessageBudget Within(double gatewayPerSecond, int gatewayBurst, TimeProvider time) =>
        new(gatewayPerSecond * Share, Math.Max(1, (int)(gatewayBurst * Share)), time);
}
