using System.Diagnostics;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Status;
using Beamchain.Node.Tests.Cluster;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Faults;

/// <summary>
/// Pauses (SIGSTOP, then SIGCONT: a long GC pause, a VM migration, a laptop lid) of real node
/// processes, longer than the 5 s after which the others drop a silent member. Nobody restarts
/// anything: the live members must never be stopped by the paused one coming back, and the
/// paused one must notice it was dropped, join again by itself, and mine. Each test ends with
/// <see cref="HealedCluster.ProveAsync"/>: a <c>mine</c> typed at every node lands on every node
/// within 60 s, no acknowledged request is lost or in two main-chain blocks, and all chains are equal.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class PauseFaultTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _dir = new();
    private HealedCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await HealedCluster.StartSeedAsync(_dir.Path, log);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public Task A_15_s_pause_of_a_node_hosting_neither_grain_stops_nobody_and_it_rejoins_by_itself() =>
        PauseAndHealAsync(view => _cluster.Nodes.Live.First(n => n.Address != view.Chain.Host && n.Address != view.Dispenser.Host), times: 1);

    [Fact]
    public Task A_15_s_pause_of_the_chain_grain_host_stops_nobody_and_it_rejoins_by_itself() =>
        PauseAndHealAsync(view => _cluster.Nodes.At(view.Chain.Host), times: 1);

    [Fact]
    public Task A_15_s_pause_of_the_dispenser_host_stops_nobody_and_it_rejoins_by_itself() =>
        PauseAndHealAsync(view => _cluster.Nodes.At(view.Dispenser.Host), times: 1);

    [Fact]
    public Task A_node_paused_twice_in_a_row_rejoins_both_times() =>
        PauseAndHealAsync(view => _cluster.Nodes.Live.First(n => n.Address != view.Chain.Host && n.Address != view.Dispenser.Host), times: 2);

    private async Task PauseAndHealAsync(Func<StatusDocument, NodeProcess> pick, int times)
    {
        var acknowledged = new List<string>();
        var pausedNodes = new HashSet<NodeProcess>();
        for (var round = 1; round <= times; round++)
        {
            var first = _cluster.Nodes.Live[0];
            var view = await FaultCluster.StatusAsync(first);
            var paused = pick(view);
            var others = _cluster.Nodes.Live.Where(n => n != paused).ToArray();
            pausedNodes.Add(paused);

            paused.Signal("STOP");
            var stoppedAt = Stopwatch.GetTimestamp();
            log.WriteLine($"round {round}: SIGSTOP {paused.Name} (chain grain on {view.Chain.Host}, dispenser on {view.Dispenser.Host})");

            // The live members mine on while it is stopped, once they have dropped it.
            var during = $"during-pause-{round}";
            await Eventually.TrueAsync(async () => (await FaultCluster.StatusAsync(others[0])).Members.Count == others.Length, Pause + HealedCluster.LandTimeout, $"{others[0].Name} to drop {paused.Name}");
            Assert.True(await FaultCluster.MineAsync(others[0], during), $"{during} acknowledged while {paused.Name} is stopped");
            acknowledged.Add(during);
            foreach (var node in others)
            {
                await FaultCluster.WaitForBlockAsync(node, during, HealedCluster.LandTimeout);
            }

            // The pause lasts its full length (the fault itself, not a wait for a condition).
            var left = Pause - Stopwatch.GetElapsedTime(stoppedAt);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left);
            }

            paused.Signal("CONT");
            var continuedAt = Stopwatch.GetTimestamp();
            var rejoined = await paused.WaitForLineAsync(
                l => l.StartsWith($"{paused.Name}: joined beamchain again as member", StringComparison.Ordinal),
                HealedCluster.LandTimeout,
                "the paused node to join again by itself",
                from: paused.Lines.Count);
            log.WriteLine($"round {round}: {paused.Name} joined again {Stopwatch.GetElapsedTime(continuedAt, rejoined.At).TotalSeconds:F1} s after SIGCONT");
        }

        // The fix under test: the live members were never dropped, however the paused one came back.
        foreach (var node in _cluster.Nodes.Live.Where(n => !pausedNodes.Contains(n)))
        {
            Assert.DoesNotContain(node.Lines, l => IsDropLine(l.Text) || l.Text.Contains("I have been blocked", StringComparison.Ordinal));
        }

        Assert.Equal(times, pausedNodes.Sum(n => n.Lines.Count(l => IsDropLine(l.Text))));
        await _cluster.ProveAsync(acknowledged);
    }

    private static bool IsDropLine(string line) => line.Contains(": dropped from the cluster: ", StringComparison.Ordinal);
}
