using System.Globalization;
using System.Text.Json;
using Beamchain.Node.Chain;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Grid;
using Beamchain.Node.Tests.Cluster;
using Beamchain.Node.Tests.Mining;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Grid;

/// <summary>
/// Real <c>beamchain worker</c> processes mining through a gateway on 127.0.0.1: the cluster
/// credits their work to the gateway, the gateway's verified rates match what the workers
/// measured themselves, and a worker killed mid-range has its range issued again.
/// </summary>
[Collection(HashingTests.Collection)]
public class GridWorkerTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    // On a loaded 2-core machine (three workers, two hashing nodes and the other test classes) blocks come slowly.
    private static readonly TimeSpan BlocksTimeout = TimeSpan.FromSeconds(300);
    private const int Blocks = 8;

    private static string NodeDll => Path.Combine(AppContext.BaseDirectory, "beamchain.dll");

    /// <summary>Many shares per second, so a verified rate is measured within a few percent in seconds of mining.</summary>
    private static GridSettings FastShares { get; } = GridNode.Settings with
    {
        ShareInterval = TimeSpan.FromMilliseconds(20),
        InitialRate = 2e6,
        MessagesPerSecond = 200,
        MessageBurst = 400,
    };

    [Fact]
    public async Task Three_workers_of_different_speeds_mine_through_a_gateway_node_of_a_three_node_cluster()
    {
        // Blocks of 24 bits and more from block 1 on, so shares (one per 50 ms per worker) are far easier than blocks.
        var rules = ChainRules.Default with { MinimumBits = 0x1e00ffff, MaxTargetFactor = 1024 };
        await using var gateway = await TestNode.StartAsync("gw", SeedMembership.First(), searchers: [], rules: rules);
        await using var b = await TestNode.StartAsync("b", SeedMembership.Joining(gateway.Node), rules: rules);
        await using var c = await TestNode.StartAsync("c", SeedMembership.Joining(gateway.Node), searchers: [new TestSearcher("cpu0", slowdown: 2)], rules: rules);
        await using var grid = await NodeGateway.OpenAsync(FastShares, gateway.Node, TimeProvider.System, gateway.Output.Logger("Beamchain.Grid"));
        var workers = new List<NodeProcess>();
        try
        {
            foreach (var duty in new[] { "100", "50", "25" })
            {
                workers.Add(NodeProcess.StartCommand(NodeDll, $"worker-{duty}", ["worker", "--pool", grid.Address.ToString(), "--device", "cpu", "--cpu-threads", "1", "--duty", duty, "--json"]));
            }

            foreach (var worker in workers)
            {
                await worker.WaitForLineAsync(l => l.StartsWith("worker: session ", StringComparison.Ordinal), Timeout, "its session");
            }

            // Enough blocks that the difficulty climbs to the cluster's rate and each block takes a while.
            var requests = new List<string>();
            for (var i = 1; i <= Blocks; i++)
            {
                requests.Add((await b.Node.MineAsync($"grid {i}")).RequestId);
            }

            await Eventually.WithinAsync(b.Node.WhenMinedAsync(requests[^1]), BlocksTimeout, "the last block");
            await Eventually.TrueAsync(() => gateway.Node.Chain.Height >= Blocks, Timeout, "the gateway node stores the last block");

            // The gateway's work shows in the blocks' figures, under its one miner name.
            var summaries = Enumerable.Range(1, Blocks).Select(h => gateway.Node.SummaryOf((ulong)h)).Where(s => s is not null).Select(s => s!).ToArray();
            Assert.Contains(summaries, s => s.Nodes.Any(n => n.Node == "gw/grid" && n.Nonces > 0));
            foreach (var summary in summaries)
            {
                var ranges = summary.CompletedRanges.OrderBy(r => r.Start).ToArray();
                for (var i = 1; i < ranges.Length; i++)
                {
                    Assert.True(ranges[i - 1].Start + ranges[i - 1].Count <= ranges[i].Start, $"ranges {ranges[i - 1]} and {ranges[i]} overlap");
                }

                Assert.Equal(0UL, summary.Duplicated);
            }

            // Each worker's verified rate (its shares) against what it measured itself, over its whole
            // session. No job runs now, so both totals stand still and the same span divides both.
            for (var i = 0; i < workers.Count; i++)
            {
                var report = await LatestReportAsync(workers[i]);
                var session = workers[i].Lines.Last(l => l.Text.StartsWith("worker: session ", StringComparison.Ordinal)).Text.Split(' ')[2];
                var client = grid.Pool.Status().Clients.FirstOrDefault(x => x.Session == session);
                Assert.True(client is not null, $"{workers[i].Name}'s session {session} is not among the gateway's volunteers: {string.Join(" | ", workers[i].Lines.Select(l => l.Text).Where(l => !l.StartsWith('{')).TakeLast(10))}");
                var measured = report.GetProperty("sessionHashed").GetDouble();
                log.WriteLine($"{workers[i].Name}: {JsonSerializer.Serialize(client)}; rejections {JsonSerializer.Serialize(grid.Pool.Status().Rejected)}; last report {report.GetRawText()}");
                log.WriteLine($"{workers[i].Name}: hashed {measured / 1e6:F1} M nonces ({measured / client.Seconds / 1e6:F2} MH/s over its session), shares prove {client.VerifiedHashes / 1e6:F1} M ({client.Accepted} shares), ratio {client.VerifiedHashes / measured:F3}");
                // Issue 13's bound. It read 0.69-0.93 while a worker kept back the other shares of the
                // slice that found a block (WorkerSessionTests checks that none is kept back now).
                var ratio = client.VerifiedHashes / measured;
                Assert.True(ratio is >= 0.75 and <= 1.25, $"{workers[i].Name}: verified/measured {ratio:F3} ({client.Accepted} shares accepted, {client.Rejected} refused; gateway refusals {JsonSerializer.Serialize(grid.Pool.Status().Rejected)}; worker {report.GetRawText()})");
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                log.WriteLine($"{worker.Name}: {string.Join(" | ", worker.Lines.TakeLast(6).Select(l => l.Text))}");
                await worker.DisposeAsync();
            }

            log.WriteLine(string.Join("\n", gateway.Output.Lines.TakeLast(30)));
        }
    }

    [Fact]
    public async Task A_worker_killed_mid_range_is_let_go_within_the_expiry_bound_and_its_range_handed_back_to_another()
    {
        // 32-bit blocks: the job outlasts the test, so the ranges in question stay the job's.
        await using var grid = await GridNode.StartAsync("gw-kill", _ => FastShares, GridNode.HardBlocks with { MinimumBits = 0x1d00ffff, MaxTargetFactor = 1 << 16 });
        await using var doomed = NodeProcess.StartCommand(NodeDll, "doomed", ["worker", "--pool", grid.Address.ToString(), "--device", "cpu", "--cpu-threads", "1"]);
        await using var survivor = NodeProcess.StartCommand(NodeDll, "survivor", ["worker", "--pool", grid.Address.ToString(), "--device", "cpu", "--cpu-threads", "1"]);
        var doomedSession = (await doomed.WaitForLineAsync(l => l.StartsWith("worker: session ", StringComparison.Ordinal), Timeout, "its session")).Text.Split(' ')[2];
        await survivor.WaitForLineAsync(l => l.StartsWith("worker: session ", StringComparison.Ordinal), Timeout, "its session");
        await grid.MineAsync("kill");
        await Eventually.TrueAsync(() => grid.Status.Clients.Count == 2 && grid.Status.Clients.All(x => x.Outstanding == GridPool.OutstandingWorks && x.Accepted > 0), Timeout, "both workers hashing");

        var killedAt = TimeProvider.System.GetTimestamp();
        doomed.Kill();
        // The gateway lets the killed worker go when its socket closes, handing its works back then.
        await Eventually.TrueAsync(() => grid.Status.Clients.Count == 1, Timeout, "the gateway letting the killed worker go");
        var letGo = TimeProvider.System.GetElapsedTime(killedAt);
        // Its range is issued again at the survivor's next request, which comes when one of the
        // survivor's works is done: how soon depends on the CPU the survivor gets, not on the gateway.
        await Eventually.TrueAsync(
            () => grid.Node.Output.Lines.Any(l => l.Contains($"from volunteer {doomedSession[..8]}'s ", StringComparison.Ordinal)),
            Timeout,
            "the killed worker's range issued again");
        var issued = TimeProvider.System.GetElapsedTime(killedAt);

        var line = grid.Node.Output.Lines.First(l => l.Contains($"from volunteer {doomedSession[..8]}'s ", StringComparison.Ordinal));
        log.WriteLine($"let go {letGo.TotalSeconds:F2} s and issued again {issued.TotalSeconds:F2} s after SIGKILL: {line}");
        Assert.True(letGo < GridNode.Settings.WorkTime * Beamchain.Node.Mining.LeaseBook.ExpiryFactor, $"let go {letGo.TotalSeconds:F2} s after the kill, past the expiry bound");
        // Handed back when the socket closed, not left to expire.
        Assert.EndsWith($"from volunteer {doomedSession[..8]}'s handed back work", line, StringComparison.Ordinal);
        Assert.Single(grid.Status.Clients);
    }

    private static async Task<JsonElement> LatestReportAsync(NodeProcess worker)
    {
        // The worker reports every 5 s: take one made after the mining ended.
        var from = worker.Lines.Count;
        var line = await worker.WaitForLineAsync(l => l.StartsWith('{'), TimeSpan.FromSeconds(30), "a report", from);
        return JsonDocument.Parse(line.Text).RootElement.Clone();
    }
}
