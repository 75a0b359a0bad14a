using Beamchain.Node.Grid;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Grid;

public class VerifiedRateTests
{
    [Fact]
    public void The_rate_is_the_shares_work_over_the_window_and_old_shares_leave_it()
    {
        var time = new FakeTimeProvider();
        var rate = new VerifiedRate(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(4), time, time.GetTimestamp());
        for (var i = 0; i < 60; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            rate.Add(time.GetTimestamp(), 1e6); // one share of a million hashes a second
        }

        Assert.Equal(1e6, rate.Rate(time.GetTimestamp()), 1e6 * 0.05);
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(0, rate.Rate(time.GetTimestamp()));
        Assert.Equal(60e6, rate.TotalHashes);
    }

    [Fact]
    public void One_lucky_early_share_is_spread_over_the_shortest_span()
    {
        var time = new FakeTimeProvider();
        var rate = new VerifiedRate(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(4), time, time.GetTimestamp());
        time.Advance(TimeSpan.FromMilliseconds(10));
        rate.Add(time.GetTimestamp(), 4e6);

        Assert.Equal(1e6, rate.Rate(time.GetTimestamp()), 1);
    }
}
