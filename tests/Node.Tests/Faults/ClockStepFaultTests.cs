using System.Diagnostics;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Tests.Cluster;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Faults;

/// <summary>
/// A node's system clock stepped back ten minutes while it runs, as NTP stepping a fast clock
/// or <c>date -s</c> does, its monotonic clock left alone: the three nodes run under libfaketime
/// reading their offsets from files (<see cref="FaketimeClock"/>). Before
/// <see cref="Beamchain.Node.Cluster.ProtoTokenCache"/> that node stopped sending heartbeats
/// about 5 s after the step and was dropped 5 s later, and again after each rejoin, for the
/// whole ten minutes. Now it is never dropped, blocks typed at it land on every node, it says
/// once that its clock jumped, and the test ends with <see cref="HealedCluster.ProveAsync"/>.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class ClockStepFaultTests(ITestOutputHelper log) : IAsyncLifetime
{
    // Four member timeouts: the node was dropped about two after the step.
    private static readonly TimeSpan Watched = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _dir = new();
    private HealedCluster? _cluster;

    public async Task InitializeAsync()
    {
        Assert.True(FaketimeClock.Library is not null, "libfaketime is not installed (Debian: apt-get install faketime, as .ci/run does)");
        _cluster = await HealedCluster.StartSeedAsync(_dir.Path, log, steppedClocks: true);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task A_node_whose_clock_steps_back_ten_minutes_is_never_dropped_and_blocks_typed_at_it_land_everywhere()
    {
        var nodes = _cluster!.Nodes;
        var stepped = nodes.Live[^1];
        var acknowledged = new List<string>();

        nodes.StepClock(stepped, "-10m");
        var steppedAt = Stopwatch.GetTimestamp();
        for (var i = 1; Stopwatch.GetElapsedTime(steppedAt) < Watched; i++)
        {
            var data = $"after-the-step-{i}";
            Assert.True(await FaultCluster.MineAsync(stepped, data), $"mine {data} at {stepped.Name} was not acknowledged");
            acknowledged.Add(data);
            foreach (var node in nodes.Live)
            {
                await FaultCluster.WaitForBlockAsync(node, data, HealedCluster.LandTimeout);
            }
        }

        Assert.DoesNotContain(nodes.Nodes.SelectMany(n => n.Lines), l => l.Text.Contains(": dropped from the cluster", StringComparison.Ordinal));
        Assert.Equal(0, (await FaultCluster.StatusAsync(stepped)).Rejoins);
        Assert.Single(stepped.Lines, l => l.Text.StartsWith($"{stepped.Name}: the system clock jumped back 10m 00.0s;", StringComparison.Ordinal));
        await _cluster.ProveAsync(acknowledged);
    }
}
