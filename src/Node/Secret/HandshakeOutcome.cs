namespace Beamchain.Node.Secret;

/// <summary>How a cookie handshake ended: accepted, or refused for <see cref="Refusal"/> with a reason a person can act on.</summary>
public sealed record HandshakeOutcome(RefusalKind? Refusal, string Reason)
{
    public static HandshakeOutcome Accepted { get; } = new(null, "");

    public bool IsAccepted => Refusal is null;

    public static HandshakeOutcome Refused(RefusalKind kind, string reason) => new(kind, reason);
}
