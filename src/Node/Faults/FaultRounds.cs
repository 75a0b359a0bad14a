using System.Diagnostics;
using System.Globalization;
using Beamchain.Node.Bench;

namespace Beamchain.Node.Faults;

/// <summary>
/// <c>beamchain bench-faults</c>: rounds of random SIGKILLs during mining against node
/// processes on 127.0.0.1 (this very beamchain.dll, default lease time). Each round queues a
/// few <c>mine</c> requests at random nodes, waits a random moment into the job, kills a
/// random node (whatever it hosts) and, once the others have dropped it, starts it again on a
/// new port with its data directory, joining through a random live member. It prints, per round and in total: time from the
/// SIGKILL to the dead node's ranges being issued again (when it held a lease, the dispenser
/// lived on and the job outlasted the expiry), time from the restarted node becoming a member
/// to its first hashes, and at the end, from the stores the nodes leave: acknowledged
/// requests lost, requests in two blocks, and nodes whose tip differs from the others'.
/// </summary>
public static class FaultRounds
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        const string usage = "usage: beamchain bench-faults [--rounds N (20)] [--nodes N (3, at least 2)] [--requests N per round (3)] [--random-seed N]";
        var defaults = new Dictionary<string, int>
        {
            ["--rounds"] = 20, ["--nodes"] = 3, ["--requests"] = 3, ["--random-seed"] = Environment.TickCount & int.MaxValue,
        };
        var (parsed, exit) = await IntegerArguments.ReadAsync("bench-faults", usage, args, defaults, output, error);
        if (exit is { } code)
        {
            return code;
        }

        var (rounds, nodeCount, perRound, seed) = (parsed["--rounds"], parsed["--nodes"], parsed["--requests"], parsed["--random-seed"]);
        if (rounds <= 0 || nodeCount < 2 || perRound <= 0 || seed < 0)
        {
            await error.WriteLineAsync($"beamchain bench-faults: --rounds and --requests must be at least 1, --nodes at least 2, --random-seed not negative\n{usage}");
            return 2;
        }

        var random = new Random(seed);
        var root = Path.Combine(Path.GetTempPath(), "beamchain-faults", Guid.NewGuid().ToString("N"));
        await output.WriteLineAsync($"bench-faults: {rounds} rounds, {nodeCount} nodes, {perRound} request(s) per round, random seed {seed}; data under {root}");
        var dll = typeof(FaultRounds).Assembly.Location;
        var acknowledged = new List<string>();
        var reissueMs = new List<double>();
        var firstHashMs = new List<double>();
        try
        {
            await using var cluster = new FaultCluster(dll, root, ["--cookie", Guid.NewGuid().ToString("N"), "--device", "cpu", "--cpu-threads", "1", "--block-time", "6s"]);
            var first = await cluster.StartAsync("node-1", null);
            for (var i = 2; i <= nodeCount; i++)
            {
                await cluster.StartAsync($"node-{i}", first);
            }

            await WaitAsync(async () => (await FaultCluster.StatusAsync(first)).Members == nodeCount, $"{nodeCount} members");
            // The difficulty climbs at most 4x per block: a few blocks bring a job to seconds.
            for (var i = 1; i <= 4; i++)
            {
                await MineEverywhereAsync(cluster, [await Acknowledged(first, $"warm-{i}")]);
            }

            for (var round = 1; round <= rounds; round++)
            {
                var queued = new List<string>();
                for (var i = 1; i <= perRound; i++)
                {
                    var data = $"round{round}-request{i}";
                    if (await FaultCluster.MineAsync(Pick(random, cluster.Live), data))
                    {
                        queued.Add(data);
                    }
                }

                acknowledged.AddRange(queued);
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 3000))); // a random moment into the job: the point of the bench
                var victim = Pick(random, cluster.Live);
                var view = await FaultCluster.StatusAsync(Pick(random, cluster.Live.Where(n => n != victim).ToArray()));
                var dispenser = cluster.Live.FirstOrDefault(n => n.Address == view.DispenserHost && n != victim);
                var from = dispenser?.Lines.Count ?? 0;
                var roles = string.Join(" and ", new[] { view.ChainHost == victim.Address ? "chain" : null, view.DispenserHost == victim.Address ? "dispenser" : null }.OfType<string>());

                victim.Kill();
                var killedAt = Stopwatch.GetTimestamp();

                // Restart once the others have dropped it, so the rejoin is a plain join mid-job.
                var witness = Pick(random, cluster.Live);
                await WaitAsync(async () => (await FaultCluster.StatusAsync(witness)).Members == nodeCount - 1, "the dead node to be dropped");
                // The restarted node reuses the name: only re-issues logged before it is back belong to the dead one.
                var restartedAt = Stopwatch.GetTimestamp();
                var restarted = await cluster.StartAsync(victim.Name, Pick(random, cluster.Live));
                var joined = await MineEverywhereAsync(cluster, queued);

                var line = new List<string> { $"round {round}: SIGKILL {victim.Name}{(roles.Length > 0 ? $" (host of the {roles} grain{(roles.Contains(' ') ? "s" : "")})" : "")}" };
                var reissued = dispenser?.Lines.Skip(from).FirstOrDefault(l => l.At > killedAt && l.At < restartedAt && l.Text.Contains($"from {victim.Name}'s expired lease", StringComparison.Ordinal));
                if (reissued is not null)
                {
                    var ms = Stopwatch.GetElapsedTime(killedAt, reissued.At).TotalMilliseconds;
                    reissueMs.Add(ms);
                    line.Add($"its range issued again after {ms:F0} ms");
                }
                else
                {
                    line.Add(dispenser is null ? "the dispenser moved: the job starts afresh" : view.OpenByNode.ContainsKey(victim.Name) ? "its lease was not issued again before it was dropped (the job ended or the range was not needed yet)" : "it held no lease");
                }

                var member = restarted.Lines.FirstOrDefault(l => l.Text.StartsWith($"{victim.Name}: member of", StringComparison.Ordinal));
                var hashed = restarted.Lines.FirstOrDefault(l => l.Text.StartsWith($"{victim.Name}: ", StringComparison.Ordinal) && l.Text.EndsWith(" nonces processed", StringComparison.Ordinal));
                if (member is not null && hashed is not null && Stopwatch.GetElapsedTime(member.At, hashed.At) < TimeSpan.FromSeconds(10))
                {
                    var ms = Stopwatch.GetElapsedTime(member.At, hashed.At).TotalMilliseconds;
                    firstHashMs.Add(ms);
                    line.Add($"restarted, first hashes {ms:F0} ms after joining");
                }

                line.Add(joined ? $"{queued.Count} request(s) mined on every node" : "requests still unmined after 120 s");
                await output.WriteLineAsync(string.Join("; ", line));
                if (!joined)
                {
                    foreach (var node in cluster.Live)
                    {
                        await output.WriteLineAsync($"  {node.Name} (port {node.Port}) last said:\n    {string.Join("\n    ", node.Lines.Where(l => !l.Text.EndsWith(" nonces processed", StringComparison.Ordinal)).TakeLast(12).Select(l => l.Text))}");
                    }
                }
            }

            var survivors = cluster.Live;
            await cluster.StopAllAsync();
            var verdict = ChainVerdict.Of(acknowledged, survivors.ToDictionary(n => n.Name, FaultCluster.ReadChain));
            await output.WriteLineAsync(verdict.ToString());
            await output.WriteLineAsync($"SIGKILL to the dead node's ranges issued again: {Describe(reissueMs)} (goal <= 5000 ms)");
            await output.WriteLineAsync($"restarted node, member to first hashes: {Describe(firstHashMs)} (goal <= 1000 ms)");
            return verdict.Healthy ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<string> Acknowledged(NodeProcess via, string data) =>
        await FaultCluster.MineAsync(via, data) ? data : throw new InvalidOperationException($"{via.Name} refused mine {data}");

    /// <summary>
    /// Waits until every live node has the blocks holding <paramref name="data"/>: printed as
    /// it stored them, or (a restarted node) already in its store when it started; false
    /// after <see cref="RoundTimeout"/>.
    /// </summary>
    private static async Task<bool> MineEverywhereAsync(FaultCluster cluster, IReadOnlyList<string> data)
    {
        try
        {
            var steady = cluster.Live.OrderBy(n => n.Lines.Count(l => l.Text.StartsWith("new block ", StringComparison.Ordinal))).Last();
            var heights = new List<ulong>();
            foreach (var item in data)
            {
                heights.Add(await FaultCluster.WaitForBlockAsync(steady, item, RoundTimeout));
            }

            foreach (var node in cluster.Live.Where(n => n != steady))
            {
                foreach (var (item, height) in data.Zip(heights))
                {
                    if (StartedAt(node) < height)
                    {
                        await FaultCluster.WaitForBlockAsync(node, item, RoundTimeout);
                    }
                }
            }

            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The height a node's store held when it started (from its "listening on …, chain at block N" line).</summary>
    private static ulong StartedAt(NodeProcess node)
    {
        var line = node.Lines.First(l => l.Text.StartsWith($"{node.Name}: listening on", StringComparison.Ordinal)).Text;
        var words = line[(line.IndexOf(", chain at block ", StringComparison.Ordinal) + ", chain at block ".Length)..];
        return ulong.Parse(words[..words.IndexOf(',', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!await condition())
        {
            if (deadline.Elapsed > RoundTimeout)
            {
                throw new TimeoutException($"bench-faults: waited {RoundTimeout.TotalSeconds} s for {what}");
            }

            await timer.WaitForNextTickAsync();
        }
    }

    private static NodeProcess Pick(Random random, IReadOnlyList<NodeProcess> nodes) => nodes[random.Next(nodes.Count)];

    private static string Describe(List<double> ms) =>
        ms.Count == 0
            ? "not measured (no round had a lease to issue again)"
            : string.Create(CultureInfo.InvariantCulture, $"{ms.Count} measured, median {Median(ms):F0} ms, max {ms.Max():F0} ms");

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
