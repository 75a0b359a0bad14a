using Beamchain.Node.Membership.Consul;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Membership;

/// <summary>The watch loop against a scripted agent: what it sends back as index, and what it reports.</summary>
public class ConsulMemberWatchTests
{
    internal static readonly ConsulProviderConfig Config = new ConsulProviderConfig()
        .WithAddress(new Uri("http://127.0.0.1:8500/"))
        .WithBlockingWaitTime(TimeSpan.FromSeconds(20))
        .WithRetryDelay(TimeSpan.FromSeconds(1));

    [Fact]
    public async Task Sends_back_each_index_and_reports_only_changes_of_the_member_set()
    {
        var agent = new ScriptedAgentHandler(
            () => ScriptedAgentHandler.Health(5, "a"),
            () => ScriptedAgentHandler.Health(6, "a"),
            () => ScriptedAgentHandler.Health(9, "a", "b"));
        await using var watch = RunningMemberWatch.Start(agent, TimeProvider.System);

        Assert.Contains("index=0&", (await agent.NextRequestAsync()).Query);
        Assert.Contains("index=5&", (await agent.NextRequestAsync()).Query);
        Assert.Contains("index=6&", (await agent.NextRequestAsync()).Query);
        Assert.Contains("index=9&", (await agent.NextRequestAsync()).Query);

        Assert.Equal(["a", "a,b"], watch.Reports);
    }

    [Fact]
    public async Task Starts_again_from_zero_when_the_index_goes_backwards_keeping_members_not_yet_back()
    {
        var agent = new ScriptedAgentHandler(
            () => ScriptedAgentHandler.Health(50, "a"),
            () => ScriptedAgentHandler.Health(3, "b"));
        await using var watch = RunningMemberWatch.Start(agent, TimeProvider.System);

        await agent.NextRequestAsync();
        Assert.Contains("index=50&", (await agent.NextRequestAsync()).Query);
        Assert.Contains("index=0&", (await agent.NextRequestAsync()).Query);
        // The agent restarted: "a" may not have registered again yet, so it stays while the view settles.
        Assert.Equal(["a", "a,b"], watch.Reports);
    }

    [Fact]
    public async Task Backs_off_for_the_retry_delay_after_an_error_instead_of_spinning()
    {
        var time = new TimerRecordingTimeProvider();
        var agent = new ScriptedAgentHandler(ScriptedAgentHandler.Failure, () => ScriptedAgentHandler.Health(5, "a"));
        await using var watch = RunningMemberWatch.Start(agent, time);
        await agent.NextRequestAsync();

        Assert.Equal(Config.RetryDelay, await time.NextTimerDueAsync());
        var retry = agent.NextRequestAsync();
        Assert.False(retry.IsCompleted);

        time.Advance(Config.RetryDelay);
        Assert.Contains("index=0&", (await retry).Query);
        await Eventually.TrueAsync(() => watch.Reports.Count == 1, TimeSpan.FromSeconds(5), () => string.Join(" | ", watch.Reports));
    }
}
