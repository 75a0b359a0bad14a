using System.Net;
using Beamchain.Node.Membership.Consul;

namespace Beamchain.Node.Tests.Membership;

/// <summary>The client's calls against an agent (the double, and real Consul when installed).</summary>
public class ConsulAgentClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [MemberData(nameof(ConsulTestAgent.Kinds), MemberType = typeof(ConsulTestAgent))]
    public async Task A_registered_member_is_listed_once_its_check_passes(string agentKind)
    {
        await using var agent = await ConsulTestAgent.StartAsync(agentKind);
        using var client = Client(agent);
        var registration = Registration("a");

        await client.RegisterServiceAsync(registration, CancellationToken.None);
        Assert.Empty((await client.GetPassingServiceAsync("svc", 0, Timeout, CancellationToken.None)).Entries);

        await client.PassTtlAsync(MemberRegistration.TtlCheckId(registration.Id), CancellationToken.None);
        var entry = Assert.Single((await client.GetPassingServiceAsync("svc", 0, Timeout, CancellationToken.None)).Entries);
        Assert.Equal(registration.Id, entry.Service?.Id);
        Assert.Equal(["chain"], entry.Service?.Tags);
        Assert.Equal("a", entry.Service?.Meta?["id"]);
    }

    [Theory]
    [MemberData(nameof(ConsulTestAgent.Kinds), MemberType = typeof(ConsulTestAgent))]
    public async Task A_blocking_query_answers_when_a_member_leaves(string agentKind)
    {
        await using var agent = await ConsulTestAgent.StartAsync(agentKind);
        using var client = Client(agent);
        var registration = Registration("a");
        await client.RegisterServiceAsync(registration, CancellationToken.None);
        await client.PassTtlAsync(MemberRegistration.TtlCheckId(registration.Id), CancellationToken.None);
        var before = await client.GetPassingServiceAsync("svc", 0, Timeout, CancellationToken.None);

        var blocked = client.GetPassingServiceAsync("svc", before.Index, TimeSpan.FromMinutes(1), CancellationToken.None);
        await client.DeregisterServiceAsync(registration.Id, CancellationToken.None);

        var after = await blocked.WaitAsync(Timeout);
        Assert.Empty(after.Entries);
        Assert.True(after.Index > before.Index, $"index {before.Index} -> {after.Index}");
    }

    [Theory]
    [MemberData(nameof(ConsulTestAgent.Kinds), MemberType = typeof(ConsulTestAgent))]
    public async Task Passing_an_unknown_check_is_a_not_found_error(string agentKind)
    {
        await using var agent = await ConsulTestAgent.StartAsync(agentKind);
        using var client = Client(agent);

        var error = await Assert.ThrowsAsync<ConsulAgentException>(() => client.PassTtlAsync("service:nobody", CancellationToken.None));

        Assert.Contains(error.StatusCode, new HttpStatusCode?[] { HttpStatusCode.NotFound, HttpStatusCode.InternalServerError });
    }

    [Fact]
    public async Task A_heartbeat_registers_again_when_the_agent_lost_the_member()
    {
        await using var agent = await DoubleTestAgent.StartAsync();
        using var client = Client(agent);
        var registration = Registration("a");
        var heartbeat = new ConsulTtlHeartbeat(
            client, registration, new ConsulProviderConfig(), TimeProvider.System, new ConsulReachability(agent.Address, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        await heartbeat.BeatAsync(CancellationToken.None);

        Assert.Equal([registration.Id], await agent.ServiceIdsAsync("svc", passingOnly: true));
    }

    [Fact]
    public async Task An_agent_that_is_not_there_is_a_clear_error()
    {
        using var client = new ConsulAgentClient(new ConsulProviderConfig().WithAddress(new Uri($"http://127.0.0.1:{FreePort.Next()}/")));

        var error = await Assert.ThrowsAsync<ConsulAgentException>(() => client.GetLeaderAsync(CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.Contains("could not be reached", error.Message);
    }

    private static ConsulAgentClient Client(ConsulTestAgent agent) => new(new ConsulProviderConfig().WithAddress(agent.Address));

    private static ServiceRegistration Registration(string systemId) =>
        MemberRegistration.Create("svc", systemId, "127.0.0.1", 4000, ["chain"], new ConsulProviderConfig());
}
