using Beamchain.ConsulDouble;
using Beamchain.Node.Cluster;
using Beamchain.Node.Secret;

namespace Beamchain.Node.Tests.Cluster;

/// <summary>A node process the members refuse over the cluster secret exits 1 with one line saying why, instead of running alone.</summary>
public class RefusedJoinTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("a wrong secret", "its proof does not match this node's cluster secret")]
    [InlineData(null, "it requires a cluster secret and this node has none")]
    public async Task A_node_refused_by_the_seed_exits_1_with_one_line_saying_why(string? secret, string reason)
    {
        Assert.True(ClusterCookie.TryCreate("the members' secret", out var cookie, out _));
        await using var seed = await TestNode.StartAsync("seed", SeedMembership.First(), searchers: [], cookie: cookie);
        using var data = new TempDirectory();
        string[] cookieArguments = secret is null ? [] : ["--cookie", secret];

        var exit = await BuiltNode.RunAsync(
            ["--cluster", "seed", "--seed", seed.Node.Address, "--host", "127.0.0.1", "--port", "0", "--data-dir", data.Path, "--device", "none", .. cookieArguments],
            ExitTimeout);

        Assert.Equal(1, exit.Code);
        var said = Assert.Single(exit.Error.Split('\n'), l => l.StartsWith("beamchain:", StringComparison.Ordinal));
        Assert.StartsWith($"beamchain: refused by the cluster at {seed.Node.Address}: {reason}", said, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", exit.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a wrong secret", "its proof does not match this node's cluster secret")]
    [InlineData(null, "it requires a cluster secret and this node has none")]
    public async Task A_node_refused_by_the_members_consul_lists_exits_1_before_registering(string? secret, string reason)
    {
        Assert.True(ClusterCookie.TryCreate("the members' secret", out var cookie, out _));
        await using var consul = await ConsulDoubleServer.StartAsync(new ConsulDoubleOptions { Host = System.Net.IPAddress.Loopback, Port = 0 });
        var membership = await new MembershipChoice().ChooseAsync(new ClusterSettings { Mode = ClusterMode.Consul, ConsulAddress = consul.BaseAddress });
        await using var member = await TestNode.StartAsync("member", membership, searchers: [], cookie: cookie);
        using var data = new TempDirectory();
        string[] cookieArguments = secret is null ? [] : ["--cookie", secret];

        var exit = await BuiltNode.RunAsync(
            ["--cluster", "consul", "--consul", consul.BaseAddress.ToString(), "--host", "127.0.0.1", "--port", "0", "--data-dir", data.Path, "--device", "none", .. cookieArguments],
            ExitTimeout);

        Assert.Equal(1, exit.Code);
        var said = Assert.Single(exit.Error.Split('\n'), l => l.StartsWith("beamchain:", StringComparison.Ordinal));
        Assert.StartsWith($"beamchain: refused by the cluster at {member.Node.Address}: {reason}", said, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", exit.Error, StringComparison.Ordinal);
        Assert.Equal([member.Node.Address], member.Node.Members);
    }

    [Fact]
    public async Task A_node_told_to_run_alone_is_not_refused()
    {
        using var data = new TempDirectory();

        var exit = await BuiltNode.RunAsync(["--cluster", "single", "--host", "127.0.0.1", "--port", "0", "--data-dir", data.Path, "--device", "none", "--cookie", "any secret"], ExitTimeout);

        Assert.Equal(0, exit.Code);
        Assert.Contains("listening on", exit.Error, StringComparison.Ordinal);
    }
}
