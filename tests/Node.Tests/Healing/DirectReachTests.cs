using Beamchain.Node.Healing;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Healing;

public class DirectReachTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    [Fact]
    public void A_member_is_unreachable_once_it_has_not_answered_for_the_limit()
    {
        var time = new FakeTimeProvider();
        var reach = new DirectReach(Limit, time);
        for (var second = 0; second < 15; second++)
        {
            reach.Round(new Dictionary<string, bool> { ["a"] = true, ["b"] = false });
            Assert.Empty(reach.Unreachable());
            time.Advance(TimeSpan.FromSeconds(1));
        }

        reach.Round(new Dictionary<string, bool> { ["a"] = true, ["b"] = false });
        Assert.Equal(["b"], reach.Unreachable());
    }

    [Fact]
    public void One_answer_makes_it_reachable_and_the_count_starts_over()
    {
        var time = new FakeTimeProvider();
        var reach = new DirectReach(Limit, time);
        Fail(reach, time, "b", seconds: 14);
        reach.Round(new Dictionary<string, bool> { ["b"] = true });
        Fail(reach, time, "b", seconds: 14);
        Assert.Empty(reach.Unreachable());
    }

    [Fact]
    public void A_member_that_left_is_forgotten()
    {
        var time = new FakeTimeProvider();
        var reach = new DirectReach(Limit, time);
        Fail(reach, time, "b", seconds: 16);
        Assert.Equal(["b"], reach.Unreachable());

        reach.Round(new Dictionary<string, bool> { ["c"] = true });
        Assert.Empty(reach.Unreachable());
    }

    [Fact]
    public void A_stall_of_this_process_is_not_time_the_probes_failed()
    {
        var time = new FakeTimeProvider();
        var reach = new DirectReach(Limit, time);
        Fail(reach, time, "b", seconds: 5);
        time.Advance(TimeSpan.FromSeconds(30)); // SIGSTOP: no rounds ran
        reach.Round(new Dictionary<string, bool> { ["b"] = false });
        Assert.Empty(reach.Unreachable());
    }

    private static void Fail(DirectReach reach, FakeTimeProvider time, string member, int seconds)
    {
        for (var second = 0; second < seconds; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            reach.Round(new Dictionary<string, bool> { [member] = false });
        }
    }
}
