using Beamchain.Node.Healing;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Healing;

public class MemberWatchdogTests
{
    [Fact]
    public async Task A_member_missing_from_its_own_list_for_the_limit_is_dropped()
    {
        var time = new FakeTimeProvider();
        var watchdog = new MemberWatchdog(time);
        Assert.False(watchdog.ObserveListed(false));
        time.Advance(MemberWatchdog.UnlistedLimit - TimeSpan.FromMilliseconds(1));
        Assert.False(watchdog.ObserveListed(false));
        Assert.False(watchdog.WhenDropped.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(watchdog.ObserveListed(false));
        Assert.Contains("own member list", await watchdog.WhenDropped, StringComparison.Ordinal);
    }

    [Fact]
    public void Being_listed_again_restarts_the_count()
    {
        var time = new FakeTimeProvider();
        var watchdog = new MemberWatchdog(time);
        watchdog.ObserveListed(false);
        time.Advance(MemberWatchdog.UnlistedLimit - TimeSpan.FromSeconds(1));
        watchdog.ObserveListed(true);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(watchdog.ObserveListed(false));
        Assert.False(watchdog.WhenDropped.IsCompleted);
    }

    [Fact]
    public async Task The_first_reason_given_is_kept()
    {
        var watchdog = new MemberWatchdog(new FakeTimeProvider());
        watchdog.Dropped("blocked");
        watchdog.Dropped("shut down");
        Assert.Equal("blocked", await watchdog.WhenDropped);
    }
}
