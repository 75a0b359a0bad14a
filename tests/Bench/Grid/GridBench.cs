using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Beamchain.Harness;
using Beamchain.Harness.Processes;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;
using Beamchain.Node.Chain;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Grid;
using Proto.Cluster.Seed;

namespace Beamchain.Bench.Grid;

/// <summary>
/// <c>beamchain-bench grid</c>: one node (no hashing) with a gateway in this process, and
/// <c>--clients</c> simulated volunteers in a child process, each submitting one valid share
/// about every 4 s and finishing a work every 8 s. Prints the node process's CPU (share of one
/// core) and memory while it serves them, then share verification per core. The volunteers do
/// not hash their works (only enough to find each share), so audits are off here: their cost
/// follows the hashing volunteers really do, not their number.
/// </summary>
public static class GridBench
{
    private static readonly TimeSpan ShareEvery = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan DoneEvery = TimeSpan.FromSeconds(8);

    /// <summary>Serves <paramref name="clients"/> simulated volunteers for <paramref name="seconds"/> and prints what it cost, then share verification per core.</summary>
    public static async Task<int> RunAsync(int clients, int seconds, TextWriter output)
    {
        await ServeAsync(clients, seconds, output);
        VerificationThroughput(output);
        return 0;
    }

    private static async Task ServeAsync(int clients, int seconds, TextWriter output)
    {
        // 32-bit blocks: the simulated shares (64 hashes each) never end the job.
        var rules = ChainRules.Default with { MinimumBits = 0x1d00ffff, MaxTargetFactor = 1 << 16 };
        var directory = Path.Combine(Path.GetTempPath(), $"beamchain-bench-grid-{Guid.NewGuid():N}");
        var chain = new ChainState(new MemoryChainStore(), rules, TimeProvider.System);
        await using var node = await ClusterNode.StartAsync(
            new ClusterSettings { Port = 0, NodeName = "bench-grid" },
            new ClusterMembership(ClusterMode.Single, FixedServerSeedNode.StartSeedNode(), "single"),
            chain,
            new PendingRequestStore(directory),
            [],
            TimeSpan.FromSeconds(5),
            TextWriter.Null,
            TimeProvider.System);
        var settings = new GridSettings
        {
            Port = 0,
            ShareInterval = ShareEvery,
            InitialRate = 16, // 64 hashes a share: cheap for the simulator to find
            MaxClients = clients,
            MaxConnectionsPerAddress = clients,
            MaxSessionsPerAddressPerMinute = clients,
            AuditFloor = 0,
            AuditTrustWorks = 0,
        };
        var gateway = await NodeGateway.OpenAsync(settings, node, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        try
        {
            await node.MineAsync("grid benchmark");
            var dll = typeof(GridBench).Assembly.Location;
            await using var simulator = NodeProcess.StartCommand(dll, "simulator", ["grid", "--simulate", clients.ToString(CultureInfo.InvariantCulture), "--pool", gateway.Address.ToString(), "--duration", $"{seconds + 120}s"]);
            var connected = Stopwatch.StartNew();
            try
            {
                await Eventually.TrueAsync(() => gateway.Pool.Status().Clients.Count >= clients || simulator.HasExited, TimeSpan.FromSeconds(120), "the volunteers connected");
            }
            catch (TimeoutException)
            {
                // reported just below, with how many did connect
            }

            if (gateway.Pool.Status().Clients.Count < clients)
            {
                await output.WriteLineAsync($"grid: only {gateway.Pool.Status().Clients.Count} of {clients} volunteers connected in {connected.Elapsed.TotalSeconds:F0} s; simulator: {string.Join(" | ", simulator.Lines.TakeLast(5).Select(l => l.Text))}");
                return;
            }

            await output.WriteLineAsync($"grid: {clients} volunteers connected in {connected.Elapsed.TotalSeconds:F1} s; settling for 10 s, then measuring {seconds} s");
            await Task.Delay(TimeSpan.FromSeconds(10));
            var self = Process.GetCurrentProcess();
            var before = gateway.Pool.Status();
            self.Refresh();
            var cpu0 = self.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            long peakWorkingSet = 0;
            while (wall.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                await Task.Delay(500); // the sampling period of the memory measurement
                self.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, self.WorkingSet64);
            }

            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpu0).TotalSeconds;
            var after = gateway.Pool.Status();
            var rejected = after.Rejected.Values.Aggregate(0UL, (s, n) => s + n) - before.Rejected.Values.Aggregate(0UL, (s, n) => s + n);
            await output.WriteLineAsync(
                $"grid: {after.Clients.Count} volunteers at one share per {ShareEvery.TotalSeconds:0} s for {wall.Elapsed.TotalSeconds:F0} s: "
                + $"node process {cpu / wall.Elapsed.TotalSeconds:P1} of one core ({cpu:F1} CPU s), working set {self.WorkingSet64 / 1e6:F0} MB (peak {peakWorkingSet / 1e6:F0} MB), managed heap {GC.GetTotalMemory(false) / 1e6:F0} MB; "
                + $"shares accepted {(after.Accepted - before.Accepted) / wall.Elapsed.TotalSeconds:F0}/s, rejected {rejected}");
        }
        finally
        {
            await gateway.DisposeAsync();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>The check every share gets: one compression from the job's midstate and a comparison.</summary>
    private static void VerificationThroughput(TextWriter output)
    {
        var header = Genesis.Block.Header;
        var target = ShareTargets.ForHashes(1e6);
        var midstate = new JobMidstate(new SearchJob(header, target));
        var clock = Stopwatch.StartNew();
        ulong checkedShares = 0, met = 0;
        while (clock.ElapsedMilliseconds < 2000)
        {
            for (var i = 0; i < 10_000; i++, checkedShares++)
            {
                met += midstate.HashOf(checkedShares) <= target ? 1UL : 0;
            }
        }

        output.WriteLine($"grid: share verification (midstate hash and target comparison), one thread: {checkedShares / clock.Elapsed.TotalSeconds / 1e6:F2} M shares/s ({met} of {checkedShares} met the test target)");
    }

    /// <summary>The child: <paramref name="count"/> volunteers on one process, each a small state machine on the thread pool.</summary>
    public static async Task<int> SimulateAsync(int count, Uri pool, TimeSpan duration, TextWriter output)
    {
        using var stop = new CancellationTokenSource(duration);
        var volunteers = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            volunteers.Add(Task.Run(() => VolunteerAsync(pool, stop.Token)));
            if (i % 100 == 99)
            {
                await Task.Delay(50); // a ramp, not a thundering herd
            }
        }

        await output.WriteLineAsync($"simulator: {count} volunteers started");
        await Task.WhenAll(volunteers);
        return 0;
    }

    private static async Task VolunteerAsync(Uri pool, CancellationToken stop)
    {
        try
        {
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(pool, stop);
            var id = 0;
            var send = new SemaphoreSlim(1, 1);
            async Task SendAsync(string method, string parameters)
            {
                var text = $$"""{"jsonrpc":"2.0","id":{{++id}},"method":"{{method}}","params":{{parameters}}}""";
                await send.WaitAsync(stop);
                try
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, stop);
                }
                finally
                {
                    send.Release();
                }
            }

            await SendAsync("hello", """{"engine":"bench-simulator/1"}""");
            BlockHeader? header = null;
            var works = new Queue<(long Id, ulong Start, ulong Count, Hash256 Target)>();
            var phase = TimeSpan.FromMilliseconds(Random.Shared.Next((int)ShareEvery.TotalMilliseconds));
            using var shareTimer = new PeriodicTimer(ShareEvery);
            var lastDone = Stopwatch.StartNew();
            var receiving = Task.Run(async () =>
            {
                var buffer = new byte[8192];
                while (!stop.IsCancellationRequested)
                {
                    var received = await socket.ReceiveAsync(buffer, stop);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    using var message = JsonDocument.Parse(buffer.AsMemory(0, received.Count));
                    if (!message.RootElement.TryGetProperty("method", out var method))
                    {
                        continue;
                    }

                    var p = message.RootElement.GetProperty("params");
                    lock (works)
                    {
                        switch (method.GetString())
                        {
                            case "job":
                                header = BlockHeader.Decode(Convert.FromHexString(p.GetProperty("header").GetString()!));
                                works.Clear();
                                break;
                            case "work":
                                works.Enqueue((p.GetProperty("work").GetInt64(), ulong.Parse(p.GetProperty("start").GetString()!, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), p.GetProperty("count").GetUInt64(), Hash256.Parse(p.GetProperty("shareTarget").GetString()!)));
                                break;
                        }
                    }
                }
            }, stop);

            await Task.Delay(phase, stop);
            var next = 0UL;
            var current = -1L;
            while (await shareTimer.WaitForNextTickAsync(stop))
            {
                (long Id, ulong Start, ulong Count, Hash256 Target) work;
                BlockHeader? job;
                lock (works)
                {
                    if (!works.TryPeek(out work))
                    {
                        continue;
                    }

                    job = header;
                }

                if (job is null)
                {
                    continue;
                }

                // Hash just until the next share of this work (about 64 nonces at the bench's target).
                var midstate = new JobMidstate(new SearchJob(job, work.Target));
                if (work.Id != current)
                {
                    (current, next) = (work.Id, work.Start);
                }

                for (; next < work.Start + work.Count && !midstate.Qualifies(next); next++)
                {
                }

                if (next < work.Start + work.Count)
                {
                    await SendAsync("submit", $$"""{"work":{{work.Id}},"nonce":"{{next.ToString("x16", CultureInfo.InvariantCulture)}}"}""");
                    next++;
                }

                if (lastDone.Elapsed >= DoneEvery)
                {
                    lastDone.Restart();
                    lock (works)
                    {
                        works.TryDequeue(out _);
                    }

                    await SendAsync("done", $$"""{"work":{{work.Id}},"hashed":{{work.Count}}}""");
                }
            }

            await receiving;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }
    }
}
