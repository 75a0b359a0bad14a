using System.Diagnostics;
using System.Text.Json;
using Beamchain.Harness;
using Beamchain.Harness.Processes;
using Beamchain.Node.Chain;
using Beamchain.Node.Cluster;
using Beamchain.Node.Devices;
using Beamchain.Node.Grains;
using Beamchain.Node.Grid;
using Microsoft.Extensions.Logging.Abstractions;
using Proto.Cluster.Seed;

namespace Beamchain.Bench.Grid;

/// <summary>
/// <c>beamchain-bench grid --only credit</c>: what the cluster credits a volunteer, against a
/// member with the same searcher, in one run. A gateway node that does not hash, a member node
/// with one CPU thread (both in this process), and one <c>beamchain worker --cpu-threads 1</c>
/// process through the gateway mine blocks back to back at the default block time for
/// <c>--duration</c>; then each one's credited nonces (the sum over the blocks' "nonces per
/// node") are set against what it hashed (the member's miner count, the worker's own report).
/// </summary>
public static class GridCreditBench
{
    private const string Gateway = "credit-gw";
    private const string Member = "credit-member";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(TimeSpan duration, TextWriter output)
    {
        using var root = new TempDirectory("beamchain-bench");
        await MeasureAsync(duration, root.Path, output);
    }

    private static async Task MeasureAsync(TimeSpan duration, string root, TextWriter output)
    {
        await using var gatewayNode = await StartAsync(Gateway, FixedServerSeedNode.StartSeedNode(), [], root);
        var (host, port) = gatewayNode.Cluster.System.GetAddress();
        await using var member = await StartAsync(Member, FixedServerSeedNode.JoinSeedNode(host, port), MiningDevices.Open("cpu", 1), root);
        await Eventually.TrueAsync(() => gatewayNode.Members.Count == 2 && member.Members.Count == 2, Patience, "the two nodes to see each other");
        await using var gateway = await NodeGateway.OpenAsync(new GridSettings { Port = 0 }, gatewayNode, TimeProvider.System, NullLogger.Instance);
        var dll = Path.Combine(AppContext.BaseDirectory, "beamchain.dll");
        await using var worker = NodeProcess.StartCommand(dll, "worker", ["worker", "--pool", gateway.Address.ToString(), "--device", "cpu", "--cpu-threads", "1", "--json"]);
        await worker.WaitForLineAsync(l => l.StartsWith("worker: session ", StringComparison.Ordinal), Patience, "the worker's session");

        // Blocks back to back: a request is always queued behind the one being mined.
        var clock = Stopwatch.StartNew();
        var pending = new Queue<string>();
        var blocks = 0;
        while (clock.Elapsed < duration || pending.Count > 0)
        {
            while (clock.Elapsed < duration && pending.Count < 2)
            {
                pending.Enqueue((await member.MineAsync($"credit {blocks + pending.Count}")).RequestId);
            }

            await Eventually.WithinAsync(member.WhenMinedAsync(pending.Dequeue()), Patience, "the next block");
            blocks++;
        }

        var mined = clock.Elapsed;
        var height = member.Chain.Height;
        await Eventually.TrueAsync(() => gatewayNode.Chain.Height >= height, Patience, "the gateway node stores the last block");
        var summaries = Enumerable.Range(1, (int)height).Select(h => gatewayNode.SummaryOf((ulong)h)).OfType<JobSummary>().ToArray();
        ulong Credited(string node) => summaries.Aggregate(0UL, (sum, s) => sum + s.Nodes.Where(n => n.Node == node).Aggregate(0UL, (x, n) => x + n.Nonces));
        var memberCredited = Credited(Member);
        var gridCredited = Credited(gateway.Pool.Miner);
        var memberHashed = member.Miners.Aggregate(0UL, (sum, m) => sum + m.Hashed);

        // No job runs now, so the worker's count stands still: its next report is its total.
        var from = worker.Lines.Count;
        var report = JsonDocument.Parse((await worker.WaitForLineAsync(l => l.StartsWith('{'), Patience, "the worker's report", from)).Text).RootElement;
        var workerHashed = report.GetProperty("sessionHashed").GetDouble();
        var seconds = mined.TotalSeconds;
        await output.WriteLineAsync(
            $"grid credit: {blocks} blocks in {seconds:F0} s ({summaries.Length} summaries, mean block {summaries.Average(s => s.Seconds):F2} s); "
            + $"member {Member} (cpu, 1 thread) hashed {memberHashed / 1e6:F1} M, credited {memberCredited / 1e6:F1} M = {Share(memberCredited, memberHashed)}; "
            + $"worker (cpu, 1 thread) through {gateway.Pool.Miner} hashed {workerHashed / 1e6:F1} M, credited {gridCredited / 1e6:F1} M = {Share(gridCredited, workerHashed)}");
        await output.WriteLineAsync(
            $"grid credit: credited rate worker/member {gridCredited / (double)memberCredited:P1} ({gridCredited / seconds / 1e6:F2} vs {memberCredited / seconds / 1e6:F2} MH/s); "
            + $"share of own hashing credited, worker/member {gridCredited / workerHashed / (memberCredited / (double)memberHashed):P1}");
    }

    private static string Share(double credited, double hashed) => hashed > 0 ? $"{credited / hashed:P1} of its hashing" : "nothing hashed";

    private static Task<ClusterNode> StartAsync(string name, Proto.Cluster.IClusterProvider provider, IReadOnlyList<Beamchain.Kernels.Search.INonceSearcher> searchers, string root)
    {
        var chain = new ChainState(new MemoryChainStore(), ChainRules.Default, TimeProvider.System);
        return ClusterNode.StartAsync(
            new ClusterSettings { Port = 0, NodeName = name },
            new ClusterMembership(ClusterMode.Seed, provider, name),
            chain,
            new PendingRequestStore(Path.Combine(root, name)),
            searchers,
            DifficultyPolicy.DefaultBlockTime,
            TextWriter.Null,
            TimeProvider.System);
    }
}
