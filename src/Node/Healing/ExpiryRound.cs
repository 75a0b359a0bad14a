namespace Beamchain.Node.Healing;

/// <summary>One gossip round's verdict from <see cref="StallAwareExpiry"/>.</summary>
/// <param name="MayBlockExpired">Whether members with expired heartbeats may be blocked now.</param>
/// <param name="StallEnded">How long this process stood still, when it just ran again after a stall.</param>
public readonly record struct ExpiryRound(bool MayBlockExpired, TimeSpan? StallEnded);
