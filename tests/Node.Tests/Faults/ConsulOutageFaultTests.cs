using System.Diagnostics;
using System.Net;
using Beamchain.ConsulDouble;
using Beamchain.Node.Faults;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Faults;

/// <summary>
/// The membership service goes away: three node processes registered with the Consul double,
/// which is stopped and, after the outage, started again on the same port with an empty
/// catalog (what a restarted <c>consul agent -dev</c> does). Members keep their last view and
/// mine on meanwhile, say once that Consul is unreachable and once that it is back, and are
/// all registered again within seconds; nobody restarts a node. Each test ends with
/// <see cref="HealedCluster.ProveAsync"/>.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class ConsulOutageFaultTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan RegisteredAgainWithin = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _dir = new();
    private readonly int _port = NodeProcess.FreePort();
    private ConsulDoubleServer? _consul;
    private HealedCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _consul = await StartConsulAsync();
        _cluster = await HealedCluster.StartConsulAsync(_dir.Path, _consul.BaseAddress, log);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        if (_consul is not null)
        {
            await _consul.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public Task Consul_down_for_40_s_and_back_empty_mining_goes_on_and_every_node_registers_again() =>
        OutageAsync(TimeSpan.FromSeconds(40));

    [Fact]
    public Task Consul_down_for_5_s_and_back_empty_mining_goes_on_and_every_node_registers_again() =>
        OutageAsync(TimeSpan.FromSeconds(5));

    private async Task OutageAsync(TimeSpan outage)
    {
        await _consul!.DisposeAsync();
        _consul = null;
        var downAt = Stopwatch.GetTimestamp();
        log.WriteLine($"Consul double stopped for {outage.TotalSeconds:0} s");

        // Mining goes on without the membership service.
        var a = _cluster.Nodes.Live[0];
        Assert.True(await FaultCluster.MineAsync(a, "while-consul-down"), "mine acknowledged while Consul is down");
        foreach (var node in _cluster.Nodes.Live)
        {
            await FaultCluster.WaitForBlockAsync(node, "while-consul-down", HealedCluster.LandTimeout);
            await node.WaitForLineAsync(IsUnreachableLine, HealedCluster.LandTimeout, "a line saying Consul cannot be reached");
        }

        // The outage lasts its full length (the fault itself, not a wait for a condition).
        var left = outage - Stopwatch.GetElapsedTime(downAt);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }

        _consul = await StartConsulAsync();
        var backAt = Stopwatch.GetTimestamp();
        Assert.Empty(_consul.Catalog.Health(ClusterName, passingOnly: false).Instances);
        await Network.Eventually.TrueAsync(
            () => _consul.Catalog.Health(ClusterName, passingOnly: true).Instances.Count == 3,
            RegisteredAgainWithin,
            "all three nodes registered again and passing");
        log.WriteLine($"all three nodes registered again {Stopwatch.GetElapsedTime(backAt).TotalSeconds:F1} s after Consul came back empty");

        foreach (var node in _cluster.Nodes.Live)
        {
            await node.WaitForLineAsync(IsBackLine, HealedCluster.LandTimeout, "a line saying Consul answers again");
        }

        await _cluster.ProveAsync(["while-consul-down"]);
        foreach (var node in _cluster.Nodes.Nodes)
        {
            Assert.Equal(1, node.Lines.Count(l => IsUnreachableLine(l.Text)));
            Assert.Equal(1, node.Lines.Count(l => IsBackLine(l.Text)));
            Assert.DoesNotContain(node.Lines, l => l.Text.Contains(": dropped from the cluster: ", StringComparison.Ordinal));
        }
    }

    private const string ClusterName = "beamchain";

    private Task<ConsulDoubleServer> StartConsulAsync() =>
        ConsulDoubleServer.StartAsync(new ConsulDoubleOptions { Host = IPAddress.Loopback, Port = _port });

    private static bool IsUnreachableLine(string line) => line.Contains("Consul agent at ", StringComparison.Ordinal) && line.Contains(" cannot be reached ", StringComparison.Ordinal);

    private static bool IsBackLine(string line) => line.Contains("Consul agent at ", StringComparison.Ordinal) && line.EndsWith(" answers again", StringComparison.Ordinal);
}
