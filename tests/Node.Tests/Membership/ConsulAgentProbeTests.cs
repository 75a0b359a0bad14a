using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Beamchain.Node.Membership.Consul;

namespace Beamchain.Node.Tests.Membership;

public class ConsulAgentProbeTests
{
    [Theory]
    [MemberData(nameof(ConsulTestAgent.Kinds), MemberType = typeof(ConsulTestAgent))]
    public async Task A_running_agent_answers(string agentKind)
    {
        await using var agent = await ConsulTestAgent.StartAsync(agentKind);

        // A generous limit: this is about answering, and a busy test machine can take over a second for a first call.
        var result = await new ConsulAgentProbe(TimeSpan.FromSeconds(10)).ProbeAsync(new ConsulProviderConfig().WithAddress(agent.Address));

        Assert.True(result.Answered, result.Description);
        Assert.Contains(agent.Address.ToString(), result.Description);
    }

    [Fact]
    public async Task No_agent_means_no_answer_within_the_timeout()
    {
        var config = new ConsulProviderConfig().WithAddress(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));
        var clock = Stopwatch.StartNew();

        var result = await new ConsulAgentProbe().ProbeAsync(config);

        Assert.False(result.Answered);
        Assert.True(clock.Elapsed < ConsulAgentProbe.DefaultTimeout + TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_agent_that_accepts_but_never_answers_counts_as_absent_after_the_timeout()
    {
        // Accepts connections into its backlog and never reads them, like a hung agent.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var probe = new ConsulAgentProbe(TimeSpan.FromMilliseconds(300));

        var result = await probe.ProbeAsync(new ConsulProviderConfig().WithAddress(new Uri($"http://127.0.0.1:{port}/")));

        Assert.False(result.Answered);
        Assert.Contains("did not answer", result.Description);
    }
}
