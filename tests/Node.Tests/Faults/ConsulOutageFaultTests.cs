using System.Diagnostics;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Faults;

/// <summary>
/// The membership service goes away: three node processes registered with the Consul double
/// (its own process), which is SIGKILLed (or SIGTERMed) and, after the outage, started again on the same port
/// with an empty catalog (what a restarted <c>consul agent -dev</c> does). Members keep their last view and
/// mine on meanwhile, say once that Consul is unreachable and once that it is back, and are
/// all registered again within seconds; nobody restarts a node. Each test ends with
/// <see cref="HealedCluster.ProveAsync"/>.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class ConsulOutageFaultTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan RegisteredAgainWithin = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _dir = new();
    // A process, so it dies as an agent does: no answer to the queries in flight.
    private readonly ConsulDoubleProcess _consul = new(Path.Combine(AppContext.BaseDirectory, "Beamchain.ConsulDouble.dll"), "127.0.0.1", FreePort.Next());
    private HealedCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        await _consul.StartAsync();
        _cluster = await HealedCluster.StartConsulAsync(_dir.Path, _consul.Address, log);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _consul.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public Task Consul_down_for_40_s_and_back_empty_mining_goes_on_and_every_node_registers_again() =>
        OutageAsync(TimeSpan.FromSeconds(40));

    [Fact]
    public Task Consul_down_for_5_s_and_back_empty_mining_goes_on_and_every_node_registers_again() =>
        OutageAsync(TimeSpan.FromSeconds(5));

    // Ctrl+C / SIGTERM stops an agent in order: its checks first, then its endpoints, so a
    // query in flight gets no answer in which the members' TTLs lapsed while it went. Longer
    // than the 10 s TTL, so a double that answered such a query would drop a live node.
    [Fact]
    public Task Consul_stopped_with_sigterm_for_15_s_and_back_empty_no_node_is_dropped() =>
        OutageAsync(TimeSpan.FromSeconds(15), graceful: true);

    private async Task OutageAsync(TimeSpan outage, bool graceful = false)
    {
        await _consul.StopAsync(graceful);
        var downAt = Stopwatch.GetTimestamp();
        log.WriteLine($"Consul double stopped ({(graceful ? "SIGTERM" : "SIGKILL")}) for {outage.TotalSeconds:0} s");

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

        await _consul.StartAsync();
        var backAt = Stopwatch.GetTimestamp();
        using var http = new HttpClient { BaseAddress = _consul.Address };
        await Eventually.TrueAsync(
            async () => await PassingCountAsync(http) == 3,
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

    /// <summary>The passing instances the agent lists, read with plain HTTP so no product code is involved.</summary>
    private static async Task<int> PassingCountAsync(HttpClient http)
    {
        using var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"v1/health/service/{ClusterName}?passing=true"));
        return json.RootElement.GetArrayLength();
    }

    private static bool IsUnreachableLine(string line) => line.Contains("Consul agent at ", StringComparison.Ordinal) && line.Contains(" cannot be reached ", StringComparison.Ordinal);

    private static bool IsBackLine(string line) => line.Contains("Consul agent at ", StringComparison.Ordinal) && line.EndsWith(" answers again", StringComparison.Ordinal);
}
