namespace Beamchain.Node.Clock;

/// <summary>
/// The cluster-adjusted time: this node's clock moved by the median of the members' clock
/// offsets, this node's own (zero) included. Block templates are stamped and blocks checked
/// against it, so one member whose clock is minutes off still mines blocks the others accept
/// and accepts theirs, wherever the chain grain runs (Bitcoin's network-adjusted time, among
/// members who trust each other). With an even count the median is the mean of the middle
/// two, so two members settle on the same time. When this node's clock differs from that
/// median by more than <see cref="WarningThreshold"/> it says so, once, with the offset. Of two
/// clocks neither can tell which one is wrong, so with one other member (read twice, so not a
/// first reading of a larger cluster) both say, once, that their clocks differ and by how much.
/// Timers and timestamps are the system's; only the wall clock is adjusted.
/// </summary>
public sealed class ClusterClock(TimeProvider local, Action<string> warn) : TimeProvider
{
    public static readonly TimeSpan WarningThreshold = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, TimeSpan> _offsets = [];
    private TimeSpan _adjustment;
    private bool _warned;
    private bool _warnedPair;
    private bool _readAgain;

    /// <summary>How far the cluster's median clock is from this node's: add it to the local clock.</summary>
    public TimeSpan Adjustment
    {
        get
        {
            lock (_gate)
            {
                return _adjustment;
            }
        }
    }

    /// <summary>How many clocks the median is taken over: the members' this node has read, and its own.</summary>
    public int Clocks
    {
        get
        {
            lock (_gate)
            {
                return _offsets.Count + 1;
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => local.GetUtcNow() + Adjustment;

    public override long GetTimestamp() => local.GetTimestamp();

    public override long TimestampFrequency => local.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => local.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => local.CreateTimer(callback, state, dueTime, period);

    /// <summary>This node's own clock, unadjusted: what it tells other members.</summary>
    public DateTimeOffset GetOwnClock() => local.GetUtcNow();

    /// <summary>
    /// A reading of <paramref name="member"/>'s clock, asked at <paramref name="sent"/> and
    /// answered at <paramref name="received"/> (both local): its offset is taken against the
    /// midpoint of the round trip.
    /// </summary>
    public void Record(string member, DateTimeOffset sent, DateTimeOffset theirs, DateTimeOffset received)
    {
        var midpoint = sent + ((received - sent) / 2);
        Update(offsets =>
        {
            // A second reading of the same member means a whole round found no one else: really two clocks.
            _readAgain = offsets.ContainsKey(member);
            offsets[member] = theirs - midpoint;
        });
    }

    /// <summary>
    /// This node's system clock jumped by <paramref name="step"/> (<see cref="WallClockSteps"/>):
    /// every member's offset from it moved the other way by as much, so the cluster's time stays
    /// where it was at once, not only from the next reading of the members' clocks.
    /// </summary>
    public void Stepped(TimeSpan step) =>
        Update(offsets =>
        {
            foreach (var member in offsets.Keys.ToArray())
            {
                offsets[member] -= step;
            }
        });

    /// <summary>A member left: its clock no longer counts.</summary>
    public void Forget(string member) => Update(offsets => offsets.Remove(member));

    /// <summary>Only <paramref name="members"/>' clocks count: drops members whose leaving this node did not see (e.g. while it joined again).</summary>
    public void Retain(IReadOnlyCollection<string> members) =>
        Update(offsets =>
        {
            foreach (var gone in offsets.Keys.Where(m => !members.Contains(m)).ToArray())
            {
                offsets.Remove(gone);
            }
        });

    private void Update(Action<Dictionary<string, TimeSpan>> change)
    {
        string? warning = null;
        lock (_gate)
        {
            change(_offsets);
            _adjustment = Median([TimeSpan.Zero, .. _offsets.Values]);
            if (!_warned && _offsets.Count >= 2 && _adjustment.Duration() > WarningThreshold)
            {
                _warned = true;
                warning = $"{SummaryLocked()}; it stamps and checks blocks on the cluster's time, but correct the system clock (e.g. with NTP)";
            }
            else if (!_warnedPair && _readAgain && _offsets.Count == 1 && _offsets.Single() is var (member, offset) && offset.Duration() > WarningThreshold)
            {
                _warnedPair = true;
                warning = $"clock: this node's clock is {Describe(offset.Negate())} {member}'s, and of two clocks neither can tell which is wrong; blocks are stamped and checked on the time between them, but check both system clocks (e.g. with NTP)";
            }
        }

        if (warning is not null)
        {
            warn(warning);
        }
    }

    /// <summary>What <c>status</c> shows: how far this node's clock is from the members' median.</summary>
    public string Summary()
    {
        lock (_gate)
        {
            return SummaryLocked();
        }
    }

    private string SummaryLocked() => $"clock: this node's clock is {Describe(_adjustment.Negate())} the median of {_offsets.Count + 1} members' clocks";

    /// <summary>The middle value; the mean of the middle two for an even count.</summary>
    public static TimeSpan Median(IReadOnlyCollection<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>"5m 00.0s ahead of" or "1.2s behind".</summary>
    public static string Describe(TimeSpan offset)
    {
        var amount = Amount(offset);
        return offset >= TimeSpan.Zero ? $"{amount} ahead of" : $"{amount} behind";
    }

    /// <summary>The size of <paramref name="time"/> to a tenth of a second: <c>4.2s</c>, <c>5m 00.0s</c>, <c>60m 00.0s</c>.</summary>
    public static string Amount(TimeSpan time)
    {
        // Rounded once: 3599.96 s reads 60m 00.0s, not 59m 60.0s.
        var tenths = (long)Math.Round(time.Duration().TotalSeconds * 10);
        return tenths >= 600 ? $"{tenths / 600}m {tenths % 600 / 10.0:00.0}s" : $"{tenths / 10.0:0.0}s";
    }
}
