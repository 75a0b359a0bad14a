using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
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
/// <c>beamchain-bench grid --only flood</c>: a member's own mining while its gateway is flooded,
/// against the same member unflooded, in one run. One node in this process mines on one CPU
/// thread and serves a gateway with the default limits; one child process, started before the
/// first phase and idle in the quiet ones, floods the gateway in the flooded phases
/// from <see cref="Flooders"/> connections (each sends messages as fast as its socket takes
/// them and connects again when cut off). Phases without and with the flood alternate, so
/// both see the same machine; each phase's rate is the miner's nonces over its length, and
/// each flooded phase is compared with the mean of the quiet phases before and after it.
/// On a machine with two or more cores the flooder is pinned to the last one (<c>taskset</c>), as
/// an attacker on another machine would be: what is measured is what serving the flood costs the
/// node, not the flooder's own CPU taken from the member's miner (the node process is not pinned).
/// </summary>
public static class GridFloodBench
{
    public const int Flooders = 8;
    // Quiet, flooded, quiet, … quiet: each flooded phase is set against the quiet ones on either side,
    // so a machine whose load drifts (other processes) moves both sides of each comparison alike.
    private const int Phases = 13;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(TimeSpan duration, TextWriter output)
    {
        using var root = new TempDirectory("beamchain-bench");
        await MeasureAsync(duration, root.Path, output);
    }

    private static async Task MeasureAsync(TimeSpan duration, string root, TextWriter output)
    {
        // 32-bit blocks: a job usually outlasts the run, so the miner hashes with few breaks between blocks.
        var rules = ChainRules.Default with { MinimumBits = 0x1d00ffff, MaxTargetFactor = 1 << 16 };
        await using var node = await ClusterNode.StartAsync(
            new ClusterSettings { Port = 0, NodeName = "flood-member" },
            new ClusterMembership(ClusterMode.Single, FixedServerSeedNode.StartSeedNode(), "single"),
            new ChainState(new MemoryChainStore(), rules, TimeProvider.System),
            new PendingRequestStore(root),
            MiningDevices.Open("cpu", 1),
            DifficultyPolicy.DefaultBlockTime,
            TextWriter.Null,
            TimeProvider.System);
        await using var gateway = await NodeGateway.OpenAsync(new GridSettings { Port = 0 }, node, TimeProvider.System, NullLogger.Instance);
        // Requests enough for any run: a lucky block must not leave the miner idle for the rest of it.
        for (var i = 0; i < 20; i++)
        {
            await node.MineAsync($"flood benchmark {i}");
        }

        await Eventually.TrueAsync(() => node.Miners.All(m => m.Hashed > 0), Patience, "the member hashing");

        var phase = duration / Phases;
        var rates = new List<double>();
        var cpu = new List<double>();
        var self = Process.GetCurrentProcess();
        var refusedBefore = Refused(gateway.Pool.Status());
        // One flooder for the whole run, started and pinned before the first phase and told when to
        // flood: a process started per phase measured its own start-up (JIT) as the flood's cost.
        await using var flooder = NodeProcess.StartCommand(typeof(GridFloodBench).Assembly.Location, "flooder", ["grid", "--flood", Flooders.ToString(CultureInfo.InvariantCulture), "--pool", gateway.Address.ToString(), "--duration", $"{duration.TotalSeconds + 120:0}s"]);
        await flooder.WaitForLineAsync(l => l == "flooder: ready", Patience, "the flooder to start");
        var pinned = await PinAsync(flooder.ProcessId);
        for (var i = 0; i < Phases; i++)
        {
            if (i > 0)
            {
                var from = flooder.Lines.Count;
                var (command, answer) = i % 2 == 1 ? ("flood", "flooder: flooding") : ("quiet", "flooder: quiet");
                await flooder.SendAsync(command);
                await flooder.WaitForLineAsync(l => l.StartsWith(answer, StringComparison.Ordinal), Patience, $"the flooder to say '{answer}'", from);
            }

            self.Refresh();
            var cpu0 = self.TotalProcessorTime;
            var hashed0 = Hashed(node);
            var clock = Stopwatch.StartNew();
            await Task.Delay(phase); // the phase's length: what is measured is the hashing done in it
            rates.Add((Hashed(node) - hashed0) / clock.Elapsed.TotalSeconds);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - cpu0).TotalSeconds / clock.Elapsed.TotalSeconds);
        }

        var ratios = Enumerable.Range(0, Phases / 2).Select(k => rates[(2 * k) + 1] / ((rates[2 * k] + rates[(2 * k) + 2]) / 2)).Order().ToArray();
        var quiet = rates.Where((_, i) => i % 2 == 0).ToList();
        var flooded = rates.Where((_, i) => i % 2 == 1).ToList();
        var status = gateway.Pool.Status();
        await output.WriteLineAsync(
            $"grid flood: member mining on 1 CPU thread, {Phases} alternating phases of {phase.TotalSeconds:F1} s: without flood {Describe(quiet)}, "
            + $"with {Flooders} flooding connections {Describe(flooded)}; each flooded phase against its quiet neighbours: median {ratios[ratios.Length / 2]:P1} "
            + $"(from {ratios[0]:P1} to {ratios[^1]:P1}); node process CPU {cpu.Where((_, i) => i % 2 == 0).Average():P0} quiet vs {cpu.Where((_, i) => i % 2 == 1).Average():P0} flooded, of one core; "
            + $"the flooder {pinned}; the gateway refused {Refused(status) - refusedBefore} messages or connections ({string.Join(", ", status.Rejected.Select(p => $"{p.Key} {p.Value}"))})");
    }

    /// <summary>
    /// The child: says <c>flooder: ready</c>, then on each <c>flood</c> line read from
    /// <paramref name="input"/> opens <paramref name="connections"/> sockets sending messages to
    /// <paramref name="pool"/> as fast as they can, until a <c>quiet</c> line (or the end of the
    /// input, or <paramref name="duration"/>).
    /// </summary>
    public static async Task<int> FloodAsync(int connections, Uri pool, TimeSpan duration, TextReader input, TextWriter output)
    {
        using var end = new CancellationTokenSource(duration);
        long sent = 0;
        await output.WriteLineAsync("flooder: ready");
        await output.FlushAsync();
        Task flooding = Task.CompletedTask;
        CancellationTokenSource? flood = null;
        while (await input.ReadLineAsync(end.Token) is { } line)
        {
            if (line == "flood" && flood is null)
            {
                flood = CancellationTokenSource.CreateLinkedTokenSource(end.Token);
                flooding = FloodOnceAsync(connections, pool, () => Interlocked.Increment(ref sent), flood.Token);
                await output.WriteLineAsync($"flooder: flooding with {connections} connections to {pool}");
            }
            else if (line == "quiet" && flood is not null)
            {
                await flood.CancelAsync();
                await flooding;
                flood.Dispose();
                flood = null;
                await output.WriteLineAsync($"flooder: quiet, {Interlocked.Read(ref sent)} messages sent so far");
            }

            await output.FlushAsync();
        }

        flood?.Cancel();
        await flooding;
        return 0;
    }

    private static Task FloodOnceAsync(int connections, Uri pool, Action sent, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var frame = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"done","params":{"work":1,"hashed":0}}""");
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var socket = new ClientWebSocket();
                    await socket.ConnectAsync(pool, stop);
                    while (socket.State == WebSocketState.Open)
                    {
                        await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, stop);
                        sent();
                    }
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
                {
                    // Cut off or refused: connect again, as a flood would.
                }
            }
        }, CancellationToken.None)));

    /// <summary>Pins every thread of process <paramref name="pid"/> (and those it starts later) to the last core; says where it runs.</summary>
    private static async Task<string> PinAsync(int pid)
    {
        var cores = Environment.ProcessorCount;
        if (cores < 2)
        {
            return "shared this machine's only core";
        }

        var core = (cores - 1).ToString(CultureInfo.InvariantCulture);
        using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", core, pid.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("could not start taskset");
        await taskset.WaitForExitAsync();
        return taskset.ExitCode == 0
            ? $"ran pinned to core {core} of {cores}"
            : $"was not pinned (taskset said: {(await taskset.StandardError.ReadToEndAsync()).Trim()})";
    }

    private static ulong Hashed(ClusterNode node) => node.Miners.Aggregate(0UL, (sum, m) => sum + m.Hashed);

    private static ulong Refused(GridStatus status) => status.Rejected.Values.Aggregate(0UL, (sum, n) => sum + n);

    private static string Describe(List<double> rates) => $"{rates.Average() / 1e6:F2} MH/s ({string.Join(", ", rates.Select(r => (r / 1e6).ToString("F2", CultureInfo.InvariantCulture)))})";
}
