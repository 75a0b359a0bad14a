using System.Diagnostics;
using Beamchain.Harness;
using Beamchain.Kernels.Search;
using Beamchain.Node.Chain;
using Beamchain.Node.Cluster;
using Beamchain.Node.Devices;
using Beamchain.Node.Grains;
using Beamchain.Node.Mining;
using Google.Protobuf;
using Proto.Cluster;
using Proto.Cluster.Seed;

namespace Beamchain.Bench.Cluster;

/// <summary>
/// <c>beamchain-bench cluster</c>: real nodes on 127.0.0.1 in this process. Part one: lease
/// requests one dispenser grain serves per second from many concurrent askers on another
/// member (so every request crosses Proto.Remote). Part two: time from <c>mine</c> to the
/// block stored and printed on every one of three mining nodes, at the minimum difficulty.
/// </summary>
public static class ClusterBench
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(int askers, int seconds, int rounds, TextWriter output)
    {
        // The nodes' queue copies go under one folder, removed at the end.
        using var root = new TempDirectory("beamchain-bench");
        await LeaseThroughputAsync(askers, seconds, root.Path, output);
        await MineLatencyAsync(rounds, root.Path, output);
        return 0;
    }

    private static async Task LeaseThroughputAsync(int askers, int seconds, string root, TextWriter output)
    {
        var silent = TextWriter.Null;
        await using var a = await StartAsync("bench-a", FixedServerSeedNode.StartSeedNode(), [], root, silent);
        var (host, port) = a.Cluster.System.GetAddress();
        await using var b = await StartAsync("bench-b", FixedServerSeedNode.JoinSeedNode(host, port), [], root, silent);
        await Eventually.TrueAsync(() => a.Members.Count == 2 && b.Members.Count == 2, JoinTimeout, "the bench nodes to see each other");

        var dispenser = await b.Cluster.GetAsync(DispenserGrain.Identity, DispenserGrain.Kind, CancellationToken.None)
            ?? throw new InvalidOperationException("the dispenser grain did not activate");
        var askingNode = dispenser.Address == b.Address ? a : b;
        var template = a.Chain.CreateTemplate("lease benchmark", Genesis.Bits);
        await askingNode.Cluster.RequestAsync<StartJobAck>(
            DispenserGrain.Identity,
            DispenserGrain.Kind,
            new StartJob { JobId = "bench", Header = ByteString.CopyFrom(template.ToBytes()), Parent = WireBlock.From(Genesis.Block) },
            CancellationToken.None);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        // Only answers that arrive before the deadline count, over the deadline's length.
        var counts = await Task.WhenAll(Enumerable.Range(0, askers).Select(i => AskUntilAsync(askingNode.Cluster, $"asker-{i}", stop.Token)));
        var served = counts.Sum();
        await output.WriteLineAsync($"lease requests: {served} answered within {seconds} s from {askers} concurrent askers on another member = {served / (double)seconds:F0} per second");
    }

    private static async Task<long> AskUntilAsync(Proto.Cluster.Cluster cluster, string miner, CancellationToken stop)
    {
        long served = 0;
        var request = new LeaseRequest { JobId = "bench", Node = "bench", Miner = miner, Count = 1_000_000, LeaseMs = 1000 };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var reply = await cluster.RequestAsync<LeaseReply>(DispenserGrain.Identity, DispenserGrain.Kind, request, stop);
                if (reply is { HasLease: true } && !stop.IsCancellationRequested)
                {
                    served++;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (TimeoutException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }

        return served;
    }

    private static async Task MineLatencyAsync(int rounds, string root, TextWriter output)
    {
        var silent = TextWriter.Null;
        await using var a = await StartAsync("mine-a", FixedServerSeedNode.StartSeedNode(), MiningDevices.Open("cpu", 1), root, silent);
        var (host, port) = a.Cluster.System.GetAddress();
        await using var b = await StartAsync("mine-b", FixedServerSeedNode.JoinSeedNode(host, port), MiningDevices.Open("cpu", 1), root, silent);
        await using var c = await StartAsync("mine-c", FixedServerSeedNode.JoinSeedNode(host, port), MiningDevices.Open("cpu", 1), root, silent);
        ClusterNode[] nodes = [a, b, c];
        await Eventually.TrueAsync(() => nodes.All(n => n.Members.Count == 3), JoinTimeout, "the bench nodes to see each other");
        await a.WhenMinedAsync((await a.MineAsync("warm-up")).RequestId);

        var totals = new List<double>();
        var hashing = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var accepted = await a.MineAsync($"round {round}");
            var blocks = await Task.WhenAll(nodes.Select(n => n.WhenMinedAsync(accepted.RequestId)));
            totals.Add(clock.Elapsed.TotalMilliseconds);
            hashing.Add(a.SummaryOf(blocks[0].Height)?.Seconds * 1000 ?? double.NaN);
        }

        totals.Sort();
        hashing.Sort();
        await output.WriteLineAsync(
            $"mine to block printed on all 3 nodes, minimum difficulty, {rounds} rounds: median {totals[rounds / 2]:F1} ms, p90 {totals[rounds * 9 / 10]:F1} ms, min {totals[0]:F1} ms; "
            + $"of which the job (first lease to verified solution): median {hashing[rounds / 2]:F1} ms");
    }

    private static Task<ClusterNode> StartAsync(string name, IClusterProvider provider, IReadOnlyList<INonceSearcher> searchers, string root, TextWriter output)
    {
        var directory = Path.Combine(root, name);
        var chain = new ChainState(new MemoryChainStore(), ChainRules.Default, TimeProvider.System);
        var settings = new ClusterSettings { Port = 0, NodeName = name };
        // A block time far below what the cluster can do keeps every block at the network minimum.
        return ClusterNode.StartAsync(
            settings, new ClusterMembership(ClusterMode.Seed, provider, name), chain, new PendingRequestStore(directory), searchers, TimeSpan.FromMilliseconds(1), output, TimeProvider.System);
    }
}
