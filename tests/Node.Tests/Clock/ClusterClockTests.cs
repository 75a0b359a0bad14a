using Beamchain.Node.Clock;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Clock;

public class ClusterClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _local = new(Start);
    private readonly List<string> _warnings = [];

    [Fact]
    public void A_clock_five_minutes_fast_takes_the_median_of_three_clocks()
    {
        var clock = new ClusterClock(_local, _warnings.Add);

        Read(clock, "a", TimeSpan.FromMinutes(-5));
        Read(clock, "b", TimeSpan.FromMinutes(-5));

        Assert.Equal(Start - TimeSpan.FromMinutes(5), clock.GetUtcNow());
        Assert.Equal(Start, clock.GetOwnClock());
    }

    [Fact]
    public void A_step_of_this_system_clock_leaves_the_cluster_time_where_it_was_at_once()
    {
        var clock = new ClusterClock(_local, _warnings.Add);
        Read(clock, "a", TimeSpan.Zero);
        Read(clock, "b", TimeSpan.Zero);

        _local.Advance(TimeSpan.FromMinutes(10)); // the system clock stepped ahead
        clock.Stepped(TimeSpan.FromMinutes(10));

        Assert.Equal(Start, clock.GetUtcNow());
        Assert.Equal(Start + TimeSpan.FromMinutes(10), clock.GetOwnClock());
        Assert.Equal(["clock: this node's clock is 10m 00.0s ahead of the median of 3 members' clocks; it stamps and checks blocks on the cluster's time, but correct the system clock (e.g. with NTP)"], _warnings);
    }

    [Theory]
    [InlineData(4.24, "4.2s")]
    [InlineData(59.96, "1m 00.0s")]
    [InlineData(-300, "5m 00.0s")]
    [InlineData(3599.96, "60m 00.0s")]
    public void Amounts_read_to_a_tenth_of_a_second_rounded_once(double seconds, string expected) =>
        Assert.Equal(expected, ClusterClock.Amount(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_right_clock_ignores_the_one_wrong_member()
    {
        var clock = new ClusterClock(_local, _warnings.Add);

        Read(clock, "right", TimeSpan.FromMilliseconds(3));
        Read(clock, "wrong", TimeSpan.FromMinutes(5));

        Assert.Equal(Start + TimeSpan.FromMilliseconds(3), clock.GetUtcNow());
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Two_clocks_settle_on_the_time_between_them_and_say_once_that_they_differ()
    {
        var clock = new ClusterClock(_local, _warnings.Add);

        Read(clock, "other", TimeSpan.FromMinutes(-5));
        Read(clock, "other", TimeSpan.FromMinutes(-5));

        Assert.Equal(Start - TimeSpan.FromMinutes(2.5), clock.GetUtcNow());
        var warning = Assert.Single(_warnings);
        Assert.StartsWith("clock: this node's clock is 5m 00.0s ahead of other's, and of two clocks neither can tell which is wrong", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_clocks_within_the_threshold_say_nothing()
    {
        var clock = new ClusterClock(_local, _warnings.Add);

        Read(clock, "other", TimeSpan.FromSeconds(-20));
        Read(clock, "other", TimeSpan.FromSeconds(-20));

        Assert.Empty(_warnings);
    }

    [Fact]
    public void A_skewed_clock_warns_once_with_its_offset()
    {
        var clock = new ClusterClock(_local, _warnings.Add);

        Read(clock, "a", TimeSpan.FromMinutes(-5));
        Read(clock, "b", TimeSpan.FromMinutes(-5));
        Read(clock, "a", TimeSpan.FromMinutes(-5));

        var warning = Assert.Single(_warnings);
        Assert.StartsWith("clock: this node's clock is 5m 00.0s ahead of the median of 3 members' clocks", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_that_left_no_longer_counts()
    {
        var clock = new ClusterClock(_local, _warnings.Add);
        Read(clock, "a", TimeSpan.FromMinutes(-5));
        Read(clock, "b", TimeSpan.FromMinutes(-5));

        clock.Forget("a");
        clock.Forget("b");

        Assert.Equal(Start, clock.GetUtcNow());
    }

    [Fact]
    public void Only_the_current_members_clocks_count()
    {
        var clock = new ClusterClock(_local, _warnings.Add);
        Read(clock, "old-address", TimeSpan.FromMinutes(-5));
        Read(clock, "a", TimeSpan.FromMinutes(-5));

        clock.Retain(["a"]);

        Assert.Equal(Start - TimeSpan.FromMinutes(2.5), clock.GetUtcNow());
    }

    [Fact]
    public void The_offset_is_taken_against_the_middle_of_the_round_trip()
    {
        var clock = new ClusterClock(_local, _warnings.Add);

        // Asked at 0, answered at 2 s: the member's 61 s was read at local 1 s, so it is 60 s ahead.
        clock.Record("a", Start, Start + TimeSpan.FromSeconds(61), Start + TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(30), clock.Adjustment);
    }

    private void Read(ClusterClock clock, string member, TimeSpan offset) => clock.Record(member, _local.GetUtcNow(), _local.GetUtcNow() + offset, _local.GetUtcNow());
}
