using System.Diagnostics;
using System.Globalization;
using Beamchain.Harness;
using Beamchain.Harness.Chains;
using Beamchain.Node.Chain;
using Beamchain.Node.Logging;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Proto.Cluster.Seed;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beamchain.Bench.Chain;

/// <summary>
/// <c>beamchain-bench chain</c>: generates (once; later runs reuse and extend it) a valid chain at
/// the minimum target, then measures on a copy: store size, first open of the block file, clean
/// start, RSS, sync of an empty node over loopback, and reorganisations of depth 1, 10, 100 and
/// 1000. Unmined chains (nonce 0: links valid, proof of work not; opened trusted, no sync)
/// measure the store's own costs at sizes mining cannot reach in time.
/// </summary>
public static class ChainBench
{
    /// <summary>Generates (or extends) the chain under <paramref name="workDir"/>, then measures it unless <paramref name="generateOnly"/>.</summary>
    public static async Task<int> RunAsync(int blocks, int dataBytes, int threads, string workDir, bool generateOnly, bool unmined, TextWriter output)
    {
        var shape = $"{(unmined ? "unmined-" : "")}{blocks}x{dataBytes}";
        var source = Path.Combine(workDir, $"chain-{shape}");
        Directory.CreateDirectory(source);
        var started = DateTime.UtcNow;
        GeneratedBlockFile.Extend(Path.Combine(source, "blocks.dat"), blocks, dataBytes, threads, mine: !unmined,
            height => output.WriteLine($"generated {height} of {blocks} blocks ({(DateTime.UtcNow - started).TotalSeconds:F0} s)"));
        await output.WriteLineAsync($"chain of {blocks} blocks x {dataBytes} B in {source}");
        if (generateOnly)
        {
            return 0;
        }

        Measure(source, Path.Combine(workDir, $"run-{shape}"), threads, unmined, output);
        return 0;
    }

    /// <summary>Copies the generated file into a fresh store and measures it: first open, clean start, memory, sync into a second store, reorganisations by depth.</summary>
    private static void Measure(string source, string run, int threads, bool unmined, TextWriter output)
    {
        if (Directory.Exists(run))
        {
            Directory.Delete(run, recursive: true);
        }

        var first = Path.Combine(run, "a");
        var second = Path.Combine(run, "b");
        Directory.CreateDirectory(first);
        File.Copy(Path.Combine(source, ChainStore.FileName), Path.Combine(first, ChainStore.FileName));
        var size = new FileInfo(Path.Combine(first, ChainStore.FileName)).Length;

        var clock = Stopwatch.StartNew();
        using (ChainStore.Open(first, ChainRules.Default, trustStore: unmined, NullLogger.Instance))
        {
        }

        var migrate = clock.Elapsed;
        var baseline = Rss();
        clock.Restart();
        using var store = ChainStore.Open(first, ChainRules.Default, trustStore: unmined, new LineLoggerProvider(output, TimeProvider.System).CreateLogger(nameof(ChainBench)));
        var chain = new ChainState(store, ChainRules.Default, TimeProvider.System);
        var start = clock.Elapsed;
        var rss = Rss();
        var index = new FileInfo(Path.Combine(first, ChainStore.IndexFileName)).Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"blocks: {chain.Height:N0}; blocks.dat {size / 1e6:F1} MB, blocks.idx {index / 1e6:F1} MB"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first open of the BEAMCHN2 file (every record checked, index built): {migrate.TotalSeconds:F2} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clean start (open + chain state): {start.TotalSeconds:F2} s, records checked: {store.CheckedAtOpen}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSS after start: {rss / 1e6:F0} MB ({(rss - baseline) / (double)chain.Height:F0} B a block over the {baseline / 1e6:F0} MB before opening)"));

        if (unmined)
        {
            output.WriteLine("sync: not measured (an unmined chain fails validation)");
        }
        else
        {
            SyncOverLoopbackAsync(chain, first, run, output).GetAwaiter().GetResult();
        }

        // Each depth three times (the median is reported; the first reorganisation also pays for JIT).
        using var generator = new ChainGenerator(threads);
        foreach (var depth in new[] { 1, 10, 100, 1000 })
        {
            var times = new List<double>();
            for (var round = 0; round < (depth < 1000 ? 3 : 1) && (ulong)depth < chain.Height; round++)
            {
                chain.TryGetBlock(chain.Height - (ulong)depth, out var fork);
                var branch = generator.Generate(fork!, depth + 1, (int)Math.Min(chain.Tip.Data.Length, 65536), salt: $"reorg {depth}.{round} ").ToArray();
                clock.Restart();
                var update = chain.TryAdopt(branch);
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (update.Outcome != ChainUpdateOutcome.Reorganized)
                {
                    throw new InvalidOperationException($"the generated branch was not adopted: {update}");
                }
            }

            if (times.Count == 0)
            {
                output.WriteLine($"reorganisation of depth {depth}: not measured (the chain has only {chain.Height} blocks)");
                continue;
            }

            times.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reorganisation of depth {depth}: median {times[times.Count / 2]:F1} ms of [{string.Join(", ", times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))}]"));
        }
    }

    /// <summary>
    /// Three nodes in this process on 127.0.0.1 (real gRPC between them): a and c hold the chain
    /// (c a copy of a's store), b starts empty and joins; measured from b's start to b at the tip.
    /// b syncs from the members it knows when it joins (often only the seed).
    /// </summary>
    private static async Task SyncOverLoopbackAsync(ChainState chain, string storeOfA, string run, TextWriter output)
    {
        var copy = Path.Combine(run, "c");
        Directory.CreateDirectory(copy);
        foreach (var name in new[] { ChainStore.FileName, ChainStore.IndexFileName, StoreCheckpoint.FileName })
        {
            File.Copy(Path.Combine(storeOfA, name), Path.Combine(copy, name));
        }

        using var storeOfC = ChainStore.Open(copy, ChainRules.Default, trustStore: true, NullLogger.Instance);
        using var storeOfB = ChainStore.Open(Path.Combine(run, "b"), ChainRules.Default, trustStore: false, NullLogger.Instance);
        await using var a = await StartNodeAsync("bench-a", FixedServerSeedNode.StartSeedNode(), chain, run, TextWriter.Null);
        var (host, port) = a.Cluster.System.GetAddress();
        await using var c = await StartNodeAsync("bench-c", FixedServerSeedNode.JoinSeedNode(host, port), new ChainState(storeOfC, ChainRules.Default, TimeProvider.System), run, TextWriter.Null);
        // b should find both holders when it joins, so a must know c first.
        await Eventually.TrueAsync(() => a.Members.Count >= 2, TimeSpan.FromSeconds(30), "bench-c to join bench-a");

        var behind = new ChainState(storeOfB, ChainRules.Default, TimeProvider.System);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        await using var b = await StartNodeAsync("bench-b", FixedServerSeedNode.JoinSeedNode(host, port), behind, run, output);
        await b.WhenHeightAsync(chain.Height).WaitAsync(TimeSpan.FromMinutes(10));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var allocatedPerBlock = (GC.GetTotalAllocatedBytes() - allocated) / (double)behind.Height;
        var gcs = string.Join(", ", Enumerable.Range(0, 3).Select(g => $"gen{g} {GC.CollectionCount(g) - collections[g]}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sync CPU time (the whole process: the members serving and the node syncing): {cpuSeconds:F1} s = {behind.Height / cpuSeconds:N0} blocks per CPU-second, {cpuSeconds * 1e6 / behind.Height:F1} µs a block; {allocatedPerBlock:F0} B allocated a block; collections {gcs}; load average at the end {LoadAverage()}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sync of an empty node over loopback (gRPC between nodes in one process; it fetches from the members it knew when it joined, see its lines above): {behind.Height:N0} blocks in {seconds:F1} s = {behind.Height / seconds:N0} blocks/s; identical tip: {behind.Tip.Hash == chain.Tip.Hash}; RSS now {Rss() / 1e6:F0} MB"));
    }

    private static Task<ClusterNode> StartNodeAsync(string name, Proto.Cluster.IClusterProvider provider, ChainState chain, string run, TextWriter output)
    {
        var settings = new ClusterSettings { Port = 0, NodeName = name };
        return ClusterNode.StartAsync(
            settings, new ClusterMembership(ClusterMode.Seed, provider, name), chain, new PendingRequestStore(Path.Combine(run, name)), [], TimeSpan.FromSeconds(5), output, TimeProvider.System);
    }

    // The machine is shared: the load says how much of its two cores the figures above had.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
