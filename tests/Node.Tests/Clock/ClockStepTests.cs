using System.Diagnostics;
using Beamchain.Harness;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Tests.Cluster;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Clock;

/// <summary>
/// Three node processes on 127.0.0.1; one runs under libfaketime reading its clock's offset
/// from a file, so the test steps that node's wall clock back ten minutes while it runs, as NTP
/// stepping a fast clock or <c>date -s</c> does, and leaves its monotonic clock alone. Before
/// <see cref="Beamchain.Node.Cluster.ProtoTokenCache"/> that node stopped sending heartbeats
/// about 5 s after the step and was dropped 5 s later, and again after each rejoin, for the
/// whole ten minutes. Now it is never dropped, blocks typed at it land on every node, and it
/// says once that its clock jumped.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class ClockStepTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "beamchain.dll");
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromSeconds(60);

    // Four member timeouts: the node was dropped about two after the step.
    private static readonly TimeSpan Watched = TimeSpan.FromSeconds(20);

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
    public async Task A_member_whose_clock_steps_back_ten_minutes_is_not_dropped_and_its_blocks_land_everywhere()
    {
        Assert.True(SteppedClock.Library is not null, "libfaketime is not installed (Debian: apt-get install faketime, as .ci/run does)");
        var clock = new SteppedClock(Path.Combine(_dir.Path, "clock-offset"));

        var a = await StartAsync("node-a", seed: null);
        var b = await StartAsync("node-b", a);
        var stepped = await StartAsync("stepped", a, clock.Launcher);
        await Eventually.TrueAsync(async () => (await FaultCluster.StatusAsync(stepped)).Members.Count == 3, FaultCluster.StartTimeout, "the stepped node to list three members");
        await MineEverywhereAsync(stepped, "before-the-step", a, b);

        clock.Step("-10m");
        var steppedAt = Stopwatch.GetTimestamp();
        for (var i = 1; Stopwatch.GetElapsedTime(steppedAt) < Watched; i++)
        {
            await MineEverywhereAsync(stepped, $"after-the-step-{i}", a, b);
        }

        Assert.DoesNotContain(stepped.Lines, l => l.Text.StartsWith("stepped: dropped from the cluster", StringComparison.Ordinal));
        Assert.Equal(0, (await FaultCluster.StatusAsync(stepped)).Rejoins);
        Assert.Single(stepped.Lines, l => l.Text.StartsWith("stepped: the system clock jumped back 10m 00.0s;", StringComparison.Ordinal));
    }

    private static async Task MineEverywhereAsync(NodeProcess via, string data, params NodeProcess[] others)
    {
        Assert.True(await FaultCluster.MineAsync(via, data), $"mine {data} at {via.Name} was not acknowledged");
        foreach (var node in others.Prepend(via))
        {
            await FaultCluster.WaitForBlockAsync(node, data, BlockTimeout);
        }
    }

    private async Task<NodeProcess> StartAsync(string name, NodeProcess? seed, IReadOnlyList<string>? launcher = null)
    {
        var membership = seed is null ? new[] { "--cluster", "single" } : ["--cluster", "seed", "--seed", seed.Address];
        var node = NodeProcess.Start(Dll, name, FreePort.Next(), Path.Combine(_dir.Path, name), membership.Concat(["--device", "cpu", "--cpu-threads", "1", "--block-time", "2s"]), launcher: launcher);
        _nodes.Add(node);
        await node.WaitForLineAsync(l => l.StartsWith($"{name}: listening on", StringComparison.Ordinal), FaultCluster.StartTimeout, "the node to start");
        return node;
    }
}
