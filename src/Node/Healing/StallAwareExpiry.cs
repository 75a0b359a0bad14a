namespace Beamchain.Node.Healing;

/// <summary>
/// Decides, once per gossip round, whether members whose heartbeats look expired may be
/// blocked. Proto.Cluster's default (<c>GossipDefaults.BlockExpiredMembers</c>) blocks every member
/// whose last heartbeat, by this process's clock, is older than the expiration. When this
/// process itself stood still (SIGSTOP, a VM migration, a long GC pause), every other member
/// looks expired at once; blocking them would be wrong, and worse, the block list travels with
/// this member's next connection, so the live members would read that they are blocked and
/// shut down. So after a stall the guard lets a full expiration pass, counted from the moment
/// this process runs again, before blocking anyone: meanwhile either the others' heartbeats
/// arrive (a short stall) or they refuse this member, which then knows it was dropped.
/// </summary>
public sealed class StallAwareExpiry(TimeSpan expiration, TimeProvider time)
{
    private long? _lastRound;
    private long? _resumedAt;

    /// <summary>A gap between gossip rounds this long means this process stood still (rounds run every few hundred ms).</summary>
    public TimeSpan StallThreshold { get; } = expiration / 2;

    /// <summary>Called each gossip round: whether expired members may be blocked now, and the stall that just ended, if any.</summary>
    public ExpiryRound Next()
    {
        var now = time.GetTimestamp();
        TimeSpan? stall = null;
        if (_lastRound is { } last && time.GetElapsedTime(last, now) >= StallThreshold)
        {
            stall = time.GetElapsedTime(last, now);
            _resumedAt = now;
        }

        _lastRound = now;
        var running = _resumedAt is { } resumed ? time.GetElapsedTime(resumed, now) : TimeSpan.MaxValue;
        return new ExpiryRound(running > expiration, stall);
    }
}
