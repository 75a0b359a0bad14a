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
    /// <summary>How often the node calls <see cref="Tick"/>: a gap much longer than this is the process standing still.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();

    // Counted from creation (the member joining): a stall before the first tick is a stall too.
    private long _lastTick = time.GetTimestamp();
    private long? _resumedAt;

    /// <summary>A gap between ticks this long means this process stood still (a gossip round can take seconds when members are unreachable, so rounds are not the clock).</summary>
    public TimeSpan StallThreshold { get; } = expiration / 2;

    /// <summary>Called every <see cref="TickInterval"/> (and by each round): the stall that just ended, if any.</summary>
    public TimeSpan? Tick()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var gap = time.GetElapsedTime(_lastTick, now);
            _lastTick = now;
            if (gap < StallThreshold)
            {
                return null;
            }

            _resumedAt = now;
            return gap;
        }
    }

    /// <summary>
    /// The wall clock jumped ahead: Proto.Cluster ages heartbeats by the wall clock, so every
    /// other member's looks old at once, as after a stall; nobody is blocked for one expiration.
    /// </summary>
    public void WallClockJumpedAhead()
    {
        lock (_gate)
        {
            _resumedAt = time.GetTimestamp();
        }
    }

    /// <summary>Called each gossip round: whether expired members may be blocked now, and the stall that just ended, if any.</summary>
    public ExpiryRound Next()
    {
        var stall = Tick();
        lock (_gate)
        {
            var running = _resumedAt is { } resumed ? time.GetElapsedTime(resumed) : TimeSpan.MaxValue;
            return new ExpiryRound(running > expiration, stall);
        }
    }
}
