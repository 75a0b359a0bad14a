using System.Diagnostics;
using Beamchain.Node.Membership.Consul;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Membership;

/// <summary>Three real cluster members on 127.0.0.1 joined through a Consul agent (the double, and real Consul when installed).</summary>
public class ConsulClusterProviderTests(ITestOutputHelper output)
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(ConsulTestAgent.Kinds), MemberType = typeof(ConsulTestAgent))]
    public async Task Three_members_see_each_other(string agentKind)
    {
        await using var agent = await ConsulTestAgent.StartAsync(agentKind);
        await using var cluster = await ConsulTestCluster.StartAsync(Config(agent));

        await AllSeeAsync(cluster.Members, cluster.Members);
    }

    [Theory]
    [MemberData(nameof(ConsulTestAgent.Kinds), MemberType = typeof(ConsulTestAgent))]
    public async Task A_member_that_leaves_gracefully_is_deregistered_and_gone_well_before_its_ttl(string agentKind)
    {
        await using var agent = await ConsulTestAgent.StartAsync(agentKind);
        var config = Config(agent).WithServiceTtl(TimeSpan.FromSeconds(30));
        await using var cluster = await ConsulTestCluster.StartAsync(config);
        await AllSeeAsync(cluster.Members, cluster.Members);
        var leaving = cluster.Members[2];
        var serviceId = leaving.Provider.Registration!.Id;

        var clock = Stopwatch.StartNew();
        await leaving.LeaveAsync();

        Assert.DoesNotContain(serviceId, await agent.ServiceIdsAsync(cluster.Name, passingOnly: false));
        await AllSeeAsync(cluster.Members[..2], cluster.Members[..2]);
        output.WriteLine($"{agentKind}: the others saw the member gone {clock.ElapsedMilliseconds} ms after it began to leave");
        Assert.True(clock.Elapsed < config.ServiceTtl / 3, $"leaving took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(ConsulTestAgent.Kinds), MemberType = typeof(ConsulTestAgent))]
    public async Task A_crashed_member_drops_out_after_its_ttl(string agentKind)
    {
        await using var agent = await ConsulTestAgent.StartAsync(agentKind);
        var config = Config(agent);
        await using var cluster = await ConsulTestCluster.StartAsync(config);
        await AllSeeAsync(cluster.Members, cluster.Members);
        var crashed = cluster.Members[2];

        await crashed.CrashAsync();
        var lastPass = crashed.Provider.LastTtlPassAt!.Value;
        await AllSeeAsync(cluster.Members[..2], cluster.Members[..2]);

        // Nothing but the TTL removes it, so not before its last pass plus TTL (less the pass's own round trip).
        var afterLastPass = DateTimeOffset.UtcNow - lastPass;
        output.WriteLine($"{agentKind}: dropped out {afterLastPass.TotalMilliseconds:0} ms after its last pass (TTL {config.ServiceTtl.TotalSeconds} s)");
        Assert.True(afterLastPass >= config.ServiceTtl - TimeSpan.FromMilliseconds(100), $"dropped out {afterLastPass} after its last pass");
        var crashedId = crashed.Provider.Registration!.Id;
        Assert.Contains(crashedId, await agent.ServiceIdsAsync(cluster.Name, passingOnly: false));
        Assert.DoesNotContain(crashedId, await agent.ServiceIdsAsync(cluster.Name, passingOnly: true));
    }

    /// <summary>Short TTL so a crash shows within seconds; fast retries so a test never waits on a back-off.</summary>
    private static ConsulProviderConfig Config(ConsulTestAgent agent) =>
        new ConsulProviderConfig()
            .WithAddress(agent.Address)
            .WithServiceTtl(TimeSpan.FromSeconds(2))
            .WithRefreshTtl(TimeSpan.FromMilliseconds(200))
            .WithBlockingWaitTime(TimeSpan.FromSeconds(5))
            .WithRetryDelay(TimeSpan.FromMilliseconds(200));

    /// <summary>Waits until every observer's MemberList holds exactly <paramref name="expected"/>; returns how long that took.</summary>
    private static Task<TimeSpan> AllSeeAsync(IReadOnlyList<ConsulTestMember> observers, IReadOnlyList<ConsulTestMember> expected)
    {
        var ids = expected.Select(m => m.Id).Order(StringComparer.Ordinal).ToArray();
        return Eventually.TrueAsync(
            () => observers.All(o => o.SeenMemberIds.SequenceEqual(ids)),
            JoinTimeout,
            () => $"expected [{string.Join(", ", ids)}], seen: "
                + string.Join("; ", observers.Select(o => $"{o.Id} sees [{string.Join(", ", o.SeenMemberIds)}]")));
    }
}
