using System.Diagnostics;
using System.Globalization;
using Beamchain.Harness;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Status;

namespace Beamchain.Bench.Faults;

/// <summary>
/// <c>beamchain-bench faults</c>: rounds of random faults during mining against node processes
/// (the beamchain.dll built beside this bench, default lease time), nobody restarting anything but a killed node.
/// Each round queues a few <c>mine</c> requests at random nodes, waits a random moment into the
/// job and hurts the cluster with one of <c>--faults</c>: <c>kill</c> (SIGKILL a node; once the
/// others dropped it, start it again on a new port with its data directory), <c>pause</c>
/// (SIGSTOP a node for 8 s, then SIGCONT), <c>partition</c> (cut one node's link for 10 s; the
/// nodes then run in network namespaces, which needs root and iproute2) or <c>consul</c> (stop
/// the Consul HTTP API double for 10 s and start it again empty; the nodes then use Consul) or
/// <c>clock</c> (step a node's system clock back 10 minutes, and ahead again 15 s later; the
/// nodes then run under libfaketime) or <c>bridge</c> (two nodes cut off from each other only,
/// each still reaching the rest, for 25 s; network namespaces as for partition).
/// When the fault ends, a <c>mine</c> is typed at a live node until acknowledged (so a block is
/// due); per fault kind it prints the time from the fault's end to the first block stored after
/// it landing on a first node (mining again) and on every node (agreeing). At the end, from the stores the nodes leave: acknowledged
/// requests lost, mined twice, and nodes disagreeing (exit status 1 unless all are 0).
/// </summary>
public static class FaultRounds
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The issue's goal for a fault's end to every node agreeing on a new block.</summary>
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PauseLength = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan PartitionLength = TimeSpan.FromSeconds(10);

    /// <summary>Longer than the 15 s after which one of the two leaves.</summary>
    private static readonly TimeSpan BridgeLength = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan ConsulOutage = TimeSpan.FromSeconds(10);

    // Longer than the 10 s in which a member whose clock stepped back used to be dropped.
    private static readonly TimeSpan ClockStepLength = TimeSpan.FromSeconds(15);

    /// <summary>Runs the rounds; exit status 2 when the network or the Consul double the faults need cannot be had.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<FaultKind> faults, int rounds, int nodeCount, int perRound, int seed, string doubleDll, TextWriter output, TextWriter error)
    {
        if (faults.Contains(FaultKind.Consul) && !File.Exists(doubleDll))
        {
            await error.WriteLineAsync($"beamchain-bench faults: the consul fault needs the Consul HTTP API double: '{doubleDll}' does not exist; build tests/ConsulDouble or name its dll with --consul-double");
            return 2;
        }

        if (faults.Contains(FaultKind.Clock) && FaketimeClock.Library is null)
        {
            await error.WriteLineAsync("beamchain-bench faults: the clock fault needs libfaketime, which is not installed (Debian: apt-get install faketime)");
            return 2;
        }

        NodeNetwork? network = null;
        if (faults.Contains(FaultKind.Partition) || faults.Contains(FaultKind.Bridge))
        {
            try
            {
                network = NodeNetwork.Create();
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                await error.WriteLineAsync($"beamchain-bench faults: the partition and bridge faults could not make a network (it needs root and iproute2): {e.Message}");
                return 2;
            }
        }

        using (network)
        {
            return await RunRoundsAsync(faults, rounds, nodeCount, perRound, seed, faults.Contains(FaultKind.Consul) ? doubleDll : null, network, output);
        }
    }

    private static async Task<int> RunRoundsAsync(IReadOnlyList<FaultKind> faults, int rounds, int nodeCount, int perRound, int seed, string? doubleDll, NodeNetwork? network, TextWriter output)
    {
        var random = new Random(seed);
        using var folder = new TempDirectory("beamchain-faults");
        var root = folder.Path;
        await output.WriteLineAsync($"beamchain-bench faults: {rounds} rounds of {string.Join(", ", faults).ToLowerInvariant()}, {nodeCount} nodes, {perRound} request(s) per round, random seed {seed}; data under {root}");
        var dll = Path.Combine(AppContext.BaseDirectory, "beamchain.dll");
        var acknowledged = new List<string>();
        var refused = new List<string>();
        var miningAgain = faults.ToDictionary(f => f, _ => new List<double>());
        var agreeing = faults.ToDictionary(f => f, _ => new List<double>());
        var hashingAgain = faults.ToDictionary(f => f, _ => new List<double>());
        var dropCounts = faults.ToDictionary(f => f, _ => 0);
        var roundCounts = faults.ToDictionary(f => f, _ => 0);
        ConsulDoubleProcess? consul = null;
        try
        {
            IReadOnlyList<string>? membership = null;
            if (doubleDll is not null)
            {
                consul = new ConsulDoubleProcess(doubleDll, network?.BridgeHost ?? "127.0.0.1", FreePort.Next());
                await consul.StartAsync();
                membership = ["--cluster", "consul", "--consul", consul.Address.ToString()];
            }

            await using var cluster = new FaultCluster(dll, root, ["--device", "cpu", "--cpu-threads", "1", "--block-time", "3s"], membership, network, steppedClocks: faults.Contains(FaultKind.Clock));
            var first = await cluster.StartAsync("node-1", null);
            for (var i = 2; i <= nodeCount; i++)
            {
                await cluster.StartAsync($"node-{i}", membership is null ? first : null);
            }

            await Eventually.TrueAsync(async () => (await FaultCluster.StatusAsync(first)).Members.Count == nodeCount, RoundTimeout, $"{nodeCount} members");
            // The difficulty climbs at most 4x per block: a few blocks bring a job to seconds.
            for (var i = 1; i <= 4; i++)
            {
                await MineEverywhereAsync(cluster, [await Acknowledged(first, $"warm-{i}")]);
            }

            for (var round = 1; round <= rounds; round++)
            {
                var kind = faults[random.Next(faults.Count)];
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
                var marks = cluster.Nodes.ToDictionary(n => n, n => n.Lines.Count);
                var what = await InjectAsync(kind, cluster, consul, random, nodeCount);
                var endedAt = Stopwatch.GetTimestamp();

                var line = $"round {round}: {what}";
                if (await AcknowledgedWithinAsync(cluster, $"round{round}-after", refused) is { } after)
                {
                    acknowledged.Add(after);

                    // Read once a request is queued (an earlier one may have been mined during the fault).
                    if (await HashingAgainAsync(cluster) is { } hashingAt)
                    {
                        hashingAgain[kind].Add(Stopwatch.GetElapsedTime(endedAt, hashingAt).TotalMilliseconds);
                        line += string.Create(CultureInfo.InvariantCulture, $"; every node hashing a job again {hashingAgain[kind][^1]:F0} ms after it ended");
                    }
                    else
                    {
                        line += "; hashing again not measured (the queue was empty at the first reading, or not every node hashed within the round timeout)";
                    }

                    var (firstAt, allAt, height) = await FirstBlockAfterAsync(cluster, endedAt);
                    if (allAt is not null)
                    {
                        miningAgain[kind].Add(Stopwatch.GetElapsedTime(endedAt, firstAt!.Value).TotalMilliseconds);
                        agreeing[kind].Add(Stopwatch.GetElapsedTime(endedAt, allAt.Value).TotalMilliseconds);
                        line += string.Create(CultureInfo.InvariantCulture, $"; after it ended, mining again in {miningAgain[kind][^1]:F0} ms, every node agreeing in {agreeing[kind][^1]:F0} ms{HashedIn(cluster, height)}");
                        if (agreeing[kind][^1] > Goal.TotalMilliseconds)
                        {
                            line += "\n" + WhatNodesSaid(cluster, endedAt, allAt.Value);
                        }
                    }
                    else
                    {
                        line += $"; no block landed on every node within {RoundTimeout.TotalSeconds:0} s after it";
                    }
                }
                else
                {
                    line += $"; no node acknowledged a mine within {RoundTimeout.TotalSeconds:0} s after it";
                }

                var joined = await MineEverywhereAsync(cluster, [.. queued, .. acknowledged.Where(d => d.StartsWith($"round{round}-after", StringComparison.Ordinal))]);
                var dropped = DroppedSince(cluster, marks);
                dropCounts[kind] += dropped.Count;
                roundCounts[kind]++;
                line += dropped.Count == 0 ? "; no member dropped" : $"; dropped, then joined again: {string.Join(", ", dropped)}";
                if (dropped.Count > 1)
                {
                    // No fault here explains more than one drop: say why each member went.
                    line += "\n" + string.Join('\n', cluster.Nodes.SelectMany(n => n.Lines.Skip(marks.GetValueOrDefault(n))
                        .Where(l => l.Text.StartsWith($"{n.Name}: dropped from the cluster", StringComparison.Ordinal))
                        .Select(l => $"  +{Stopwatch.GetElapsedTime(endedAt, l.At).TotalSeconds:F1}s after the fault ended: {l.Text}")));
                }
                await output.WriteLineAsync(line + (joined ? $"; the round's requests mined on every node" : "; the round's requests still unmined after 120 s"));
                if (!joined)
                {
                    foreach (var node in cluster.Live)
                    {
                        await output.WriteLineAsync($"  {node.Name} ({node.Address}) last said:\n    {string.Join("\n    ", node.Lines.Where(l => !l.Text.EndsWith(" nonces processed", StringComparison.Ordinal)).TakeLast(12).Select(l => l.Text))}");
                    }
                }
            }

            var survivors = cluster.Live;
            await cluster.StopAllAsync();
            var verdict = ChainVerdict.Of(acknowledged, survivors.ToDictionary(n => n.Name, FaultCluster.ReadChain), refused);
            await output.WriteLineAsync(verdict.ToString());
            foreach (var data in verdict.Lost.Concat(verdict.Twice).Concat(verdict.RefusedYetMined))
            {
                var mentions = cluster.Nodes.SelectMany(n => n.Lines.Where(l => l.Text.Contains(data, StringComparison.Ordinal)).Select(l => $"{n.Name}: {l.Text}"));
                await output.WriteLineAsync($"  {data}, as the nodes printed it:\n    {string.Join("\n    ", mentions)}");
            }
            foreach (var kind in faults)
            {
                await output.WriteLineAsync($"{kind.ToString().ToLowerInvariant()}: fault end to every node hashing the job again {Describe(hashingAgain[kind])}; to a new block on a first node {Describe(miningAgain[kind])}; to every node agreeing {Describe(agreeing[kind])} (goal <= {Goal.TotalMilliseconds:0} ms); members dropped {dropCounts[kind]} time(s) in {roundCounts[kind]} round(s)");
            }

            return verdict.Healthy ? 0 : 1;
        }
        finally
        {
            if (consul is not null)
            {
                await consul.DisposeAsync();
            }
        }
    }

    /// <summary>The nodes that said, since <paramref name="marks"/> (each node's line count then), that they were dropped from the cluster; once per drop.</summary>
    private static IReadOnlyList<string> DroppedSince(FaultCluster cluster, Dictionary<NodeProcess, int> marks) =>
        cluster.Nodes
            .SelectMany(n => n.Lines.Skip(marks.GetValueOrDefault(n)).Where(l => l.Text.StartsWith($"{n.Name}: dropped from the cluster", StringComparison.Ordinal)).Select(_ => n.Name))
            .ToArray();

    /// <summary>Hurts the cluster with <paramref name="kind"/> and returns once the fault is over (the node back, the link up, the agent started again).</summary>
    private static async Task<string> InjectAsync(FaultKind kind, FaultCluster cluster, ConsulDoubleProcess? consul, Random random, int nodeCount)
    {
        var victim = Pick(random, cluster.Live);
        switch (kind)
        {
            case FaultKind.Kill:
                victim.Kill();
                var witness = Pick(random, cluster.Live);
                await Eventually.TrueAsync(async () => (await FaultCluster.StatusAsync(witness)).Members.Count == nodeCount - 1, RoundTimeout, "the dead node to be dropped");
                await cluster.StartAsync(victim.Name, Pick(random, cluster.Live));
                return $"SIGKILL {victim.Name}, restarted once dropped";
            case FaultKind.Pause:
                victim.Signal("STOP");
                await Task.Delay(PauseLength); // the fault itself
                victim.Signal("CONT");
                return $"SIGSTOP {victim.Name} for {PauseLength.TotalSeconds:0} s";
            case FaultKind.Partition:
                cluster.Isolate(victim);
                await Task.Delay(PartitionLength); // the fault itself
                cluster.Reconnect(victim);
                return $"{victim.Name} cut off for {PartitionLength.TotalSeconds:0} s";
            case FaultKind.Bridge:
                var across = Pick(random, cluster.Live.Where(n => n != victim).ToArray());
                cluster.Cut(victim, across);
                await Task.Delay(BridgeLength); // the fault itself
                cluster.Mend(victim, across);
                return $"{victim.Name} and {across.Name} cut off from each other only for {BridgeLength.TotalSeconds:0} s";
            case FaultKind.Clock:
                cluster.StepClock(victim, "-10m");
                await Task.Delay(ClockStepLength); // the fault itself
                cluster.StepClock(victim, "+0");
                return $"{victim.Name}'s clock stepped back 10 min, and ahead again {ClockStepLength.TotalSeconds:0} s later";
            default:
                await consul!.StopAsync();
                await Task.Delay(ConsulOutage); // the fault itself
                await consul.StartAsync();
                return $"Consul down for {ConsulOutage.TotalSeconds:0} s, back empty";
        }
    }

    /// <summary>
    /// Types <c>mine</c> at a live node, again each time it is not acknowledged, until one is;
    /// returns the data acknowledged, or null after <see cref="RoundTimeout"/>. Each attempt
    /// carries its own data (<paramref name="data"/>, then <c>-2</c>, <c>-3</c> …): an attempt
    /// answered with "may still be mined" (or not at all) is an open outcome that may yet land in
    /// a block, and typing the same data again would look like one request mined twice. Attempts
    /// refused outright go to <paramref name="refused"/>: the verdict checks that none is mined.
    /// </summary>
    private static async Task<string?> AcknowledgedWithinAsync(FaultCluster cluster, string data, List<string> refused)
    {
        var waited = Stopwatch.StartNew();
        for (var attempt = 1; waited.Elapsed < RoundTimeout; attempt++)
        {
            var typed = attempt == 1 ? data : $"{data}-{attempt}";
            var via = cluster.Live[(int)(waited.ElapsedMilliseconds % cluster.Live.Count)];
            try
            {
                var answer = await FaultCluster.MineAnswerAsync(via, typed);
                if (answer.StartsWith("queued", StringComparison.Ordinal))
                {
                    return typed;
                }

                if (!answer.Contains("may still be mined", StringComparison.Ordinal))
                {
                    refused.Add(typed);
                }
            }
            catch (TimeoutException)
            {
                // no answer from that node yet: an open outcome
            }

            await Task.Delay(500); // a pace between attempts, not a wait for a condition
        }

        return null;
    }

    /// <summary>
    /// When the first block stored after <paramref name="endedAt"/> (by any live node) was first
    /// printed, and when every live node held it: the cluster mining again, and agreeing. A node
    /// holds it from the line that first shows its height there: the block's own line, a batch
    /// (<c>new blocks a..b</c>) or a finished sync (<c>tip is now block n</c>), since a node that
    /// joined again catches up with progress lines rather than a line per block. Nulls when none
    /// landed everywhere within the round timeout.
    /// </summary>
    private static async Task<(long? First, long? All, ulong Height)> FirstBlockAfterAsync(FaultCluster cluster, long endedAt)
    {
        OutputLine? first = null;
        try
        {
            await Eventually.TrueAsync(
                () => (first = cluster.Live.SelectMany(n => n.Lines).Where(l => l.At > endedAt && l.Text.StartsWith("new block ", StringComparison.Ordinal)).MinBy(l => l.At)) is not null,
                RoundTimeout,
                "a block after the fault");
        }
        catch (TimeoutException)
        {
            return (null, null, 0);
        }

        var height = ulong.Parse(first!.Text.Split(' ')[2], CultureInfo.InvariantCulture);
        try
        {
            var at = new List<long>();
            foreach (var node in cluster.Live)
            {
                var line = await node.WaitForLineAsync(l => HeightShown(l) >= height, RoundTimeout, $"block {height}");
                at.Add(line.At);
            }

            return (first.At, Math.Max(at.Max(), first.At), height);
        }
        catch (TimeoutException)
        {
            return (first.At, null, height);
        }
    }

    /// <summary>The height a node's line shows it holds (a new block, a batch, a finished sync); 0 for any other line.</summary>
    private static ulong HeightShown(string line)
    {
        var words = line.Split(' ');
        if (line.StartsWith("new block ", StringComparison.Ordinal) && ulong.TryParse(words[2], CultureInfo.InvariantCulture, out var single))
        {
            return single;
        }

        if (line.StartsWith("new blocks ", StringComparison.Ordinal) && ulong.TryParse(words[2].Split("..")[^1], CultureInfo.InvariantCulture, out var last))
        {
            return last;
        }

        var tip = line.LastIndexOf("tip is now block ", StringComparison.Ordinal);
        return line.StartsWith("synced ", StringComparison.Ordinal) && tip >= 0 && ulong.TryParse(line[(tip + "tip is now block ".Length)..].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture, out var synced) ? synced : 0;
    }

    /// <summary>
    /// When every live node had been seen hashing the cluster's job again: its <c>status --json</c>
    /// shows a device on the job the chain grain names, with more nonces hashed than at its
    /// previous reading (read every 250 ms, so that is its resolution). Null when the queue
    /// emptied first (the block landed before every node was seen), or not within the round timeout.
    /// </summary>
    private static async Task<long?> HashingAgainAsync(FaultCluster cluster)
    {
        var before = new Dictionary<string, ulong>();
        var seen = new Dictionary<string, long>(); // when each node was first seen hashing the job
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < RoundTimeout)
        {
            StatusDocument[] readings;
            try
            {
                readings = await Task.WhenAll(cluster.Live.Select(FaultCluster.StatusAsync));
            }
            catch (TimeoutException)
            {
                continue; // a node still healing may not answer at once
            }

            var at = Stopwatch.GetTimestamp();
            if (readings.All(r => r.Job is null && r.Chain.Queue.Count == 0))
            {
                return null;
            }

            foreach (var reading in readings)
            {
                if (reading.Job is { } job && reading.Devices.Any(d => d.JobId == job.JobId)
                    && before.TryGetValue(reading.Node, out var earlier) && Hashed(reading) > earlier)
                {
                    seen.TryAdd(reading.Node, at);
                }

                before[reading.Node] = Hashed(reading);
            }

            if (readings.All(r => seen.ContainsKey(r.Node)))
            {
                return readings.Max(r => seen[r.Node]);
            }

            await Task.Delay(250); // the reading period, not a wait for a condition
        }

        return null;

        static ulong Hashed(StatusDocument status) => status.Devices.Aggregate(0UL, (sum, d) => sum + d.Hashed);
    }

    /// <summary>
    /// How long the block at <paramref name="height"/> took to hash, as its solver's summary says
    /// (<c>; its job hashed 20.2 s at 6.9 MH/s</c>): its job began before the fault ended, so on a
    /// loaded machine a slow block, not slow healing, can be most of a round's time.
    /// </summary>
    private static string HashedIn(FaultCluster cluster, ulong height)
    {
        var prefix = $"block {height.ToString(CultureInfo.InvariantCulture)} mined in ";
        var summary = cluster.Live.SelectMany(n => n.Lines).Select(l => l.Text).FirstOrDefault(t => t.StartsWith(prefix, StringComparison.Ordinal));
        return summary is null ? "" : $"; its job hashed {summary[prefix.Length..].Split(',')[0].Split(';')[0]}";
    }

    /// <summary>What each live node said between two moments (progress lines left out): why a round over the goal took its time.</summary>
    private static string WhatNodesSaid(FaultCluster cluster, long from, long to) =>
        string.Join('\n', cluster.Live.Select(n =>
            $"  {n.Name} ({n.Address}) said meanwhile:\n    " + string.Join("\n    ", n.Lines
                .Where(l => l.At >= from && l.At <= to && !l.Text.EndsWith(" nonces processed", StringComparison.Ordinal))
                .TakeLast(60)
                .Select(l => $"+{Stopwatch.GetElapsedTime(from, l.At).TotalSeconds:F1}s {l.Text}"))));

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
            // Any node's line names a request's height: one that synced a block printed a progress line instead.
            var heights = new List<ulong>();
            foreach (var item in data)
            {
                ulong height = 0;
                await Eventually.TrueAsync(
                    () => cluster.Live.SelectMany(n => n.Lines).FirstOrDefault(l => FaultCluster.IsBlockLine(l.Text, item)) is { } line
                        && (height = ulong.Parse(line.Text.Split(' ')[2], CultureInfo.InvariantCulture)) > 0,
                    RoundTimeout,
                    $"the block holding {item}");
                heights.Add(height);
            }

            // Every node's own stored height (status --json's replica) reaching the round's blocks is what is awaited
            // here, and the verdict compares every store at the end.
            var top = heights.Count == 0 ? 0 : heights.Max();
            await Eventually.TrueAsync(
                async () => (await Task.WhenAll(cluster.Live.Select(FaultCluster.StatusAsync))).All(s => s.Replica.Height >= top),
                RoundTimeout,
                $"every node at block {top}");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static NodeProcess Pick(Random random, IReadOnlyList<NodeProcess> nodes) => nodes[random.Next(nodes.Count)];

    private static string Describe(List<double> ms) =>
        ms.Count == 0
            ? "not measured"
            : string.Create(CultureInfo.InvariantCulture, $"{ms.Count} measured, median {Median(ms):F0} ms, max {ms.Max():F0} ms");

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
