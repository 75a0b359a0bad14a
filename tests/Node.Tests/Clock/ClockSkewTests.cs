using System.Diagnostics;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Tests.Cluster;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Clock;

/// <summary>
/// Three node processes on 127.0.0.1; the one hosting the chain grain runs under libfaketime
/// five minutes fast (Debian's <c>faketime</c>, which <c>.ci/run</c> installs). Every node
/// still stores every block within seconds, and only the skewed node warns about its clock.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class ClockSkewTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "beamchain.dll");
    private static readonly TimeSpan StoredWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromSeconds(60);
    private const string SkewWarning = "correct the system clock";

    private readonly TempDirectory _dir = new();
    private readonly List<NodeProcess> _nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
            log.WriteLine($"--- {node.Name}:\n{string.Join('\n', node.Lines.Where(l => !l.Text.EndsWith(" nonces processed", StringComparison.Ordinal)).TakeLast(30).Select(l => l.Text))}");
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task A_chain_grain_host_five_minutes_fast_still_has_every_block_stored_everywhere_and_warns_once()
    {
        var skewed = await StartAsync("skewed", seed: null, ["faketime", "-f", "+5m"]);

        // The chain grain activates on the only member, and stays there as the others join.
        await FaultCluster.StatusAsync(skewed);
        var a = await StartAsync("node-a", skewed);
        var b = await StartAsync("node-b", skewed);
        await skewed.WaitForLineAsync(IsWarning, FaultCluster.StartTimeout, "the skewed node's clock warning");

        // The grain's host has read both other clocks once its status says so.
        await Eventually.TrueAsync(
            async () => (await FaultCluster.StatusAsync(skewed)).Clock is { Clocks: 3, OffsetSeconds: > 0 },
            FaultCluster.StartTimeout,
            "the skewed node's status to count three members' clocks");
        var view = await FaultCluster.StatusAsync(a);
        Assert.True(view.Chain.Host == skewed.Address, $"the chain grain moved to {view.Chain.Host}; this test needs it on the skewed node {skewed.Address}");

        foreach (var (via, data) in new[] { (a, "skew-1"), (b, "skew-2"), (skewed, "skew-3") })
        {
            Assert.True(await FaultCluster.MineAsync(via, data), $"mine {data} was not acknowledged");
            await FaultCluster.WaitForBlockAsync(skewed, data, BlockTimeout);
            var minedAt = skewed.Lines.First(l => IsBlock(l.Text, data)).At;
            foreach (var node in new[] { a, b })
            {
                await FaultCluster.WaitForBlockAsync(node, data, BlockTimeout);
                var storedAfter = Stopwatch.GetElapsedTime(minedAt, node.Lines.First(l => IsBlock(l.Text, data)).At);
                Assert.True(storedAfter <= StoredWithin, $"{node.Name} stored {data} {storedAfter.TotalSeconds:0.0} s after the grain's host");
            }
        }

        Assert.Single(skewed.Lines, l => IsWarning(l.Text));
        Assert.DoesNotContain(a.Lines.Concat(b.Lines), l => IsWarning(l.Text) || l.Text.StartsWith("refused", StringComparison.Ordinal));
    }

    private static bool IsWarning(string line) => line.StartsWith("clock: this node's clock is", StringComparison.Ordinal) && line.EndsWith(SkewWarning + " (e.g. with NTP)", StringComparison.Ordinal);

    private static bool IsBlock(string line, string data) => line.StartsWith("new block ", StringComparison.Ordinal) && line.EndsWith($" \"{data}\"", StringComparison.Ordinal);

    private async Task<NodeProcess> StartAsync(string name, NodeProcess? seed, IReadOnlyList<string>? launcher = null)
    {
        var membership = seed is null ? new[] { "--cluster", "single" } : ["--cluster", "seed", "--seed", seed.Address];
        var node = NodeProcess.Start(Dll, name, FreePort.Next(), Path.Combine(_dir.Path, name), membership.Concat(["--device", "cpu", "--cpu-threads", "1"]), launcher: launcher);
        _nodes.Add(node);
        await node.WaitForLineAsync(l => l.StartsWith($"{name}: listening on", StringComparison.Ordinal), FaultCluster.StartTimeout, "the node to start");
        return node;
    }
}
