using System.Globalization;
using System.Text.Json;
using Beamchain.Harness.Processes;
using Beamchain.Node.Chain;
using Beamchain.Node.Status;
using Beamchain.Node.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beamchain.Harness.Faults;

/// <summary>
/// Node processes on 127.0.0.1 forming one cluster through the seed provider (the first node
/// runs alone, the others join a live member), each with its own port and data directory
/// under <see cref="Root"/>. The fault suite and <c>beamchain-bench faults</c> drive nodes
/// through it and read what they print; <see cref="ReadChain"/> opens a stopped node's store.
/// </summary>
/// <remarks>With <paramref name="membership"/> (e.g. <c>--cluster consul --consul …</c>) every node
/// is started with those arguments instead of the seed provider's.</remarks>
/// <remarks>With <paramref name="network"/> each node runs in its own network namespace, so
/// <see cref="Isolate"/> can cut it off from the others.</remarks>
/// <remarks>With <paramref name="steppedClocks"/> each node runs under libfaketime
/// (<see cref="FaketimeClock"/>), so <see cref="StepClock"/> can step its wall clock.</remarks>
public sealed class FaultCluster(string nodeDll, string root, IReadOnlyList<string> nodeArguments, IReadOnlyList<string>? membership = null, NodeNetwork? network = null, bool steppedClocks = false) : IAsyncDisposable
{
    private readonly Dictionary<NodeProcess, int> _networkIndex = [];
    private readonly Dictionary<string, FaketimeClock> _clocks = [];

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(45);

    private readonly List<NodeProcess> _nodes = [];

    public string Root { get; } = root;

    /// <summary>Every process started, dead ones included, in start order.</summary>
    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public IReadOnlyList<NodeProcess> Live => _nodes.Where(n => !n.HasExited).ToArray();

    /// <summary>Starts a node joining <paramref name="seed"/> (alone when null), on <paramref name="port"/> (a free one when null), and waits until it has synced and mines.</summary>
    public async Task<NodeProcess> StartAsync(string name, NodeProcess? seed, int? port = null, IEnumerable<string>? extraArguments = null)
    {
        var joining = membership ?? (seed is null ? ["--cluster", "single"] : ["--cluster", "seed", "--seed", seed.Address]);
        var arguments = joining.Concat(nodeArguments).Concat(extraArguments ?? []);
        // A node started again keeps its clock file, set right again.
        IReadOnlyList<string> clock = [];
        if (steppedClocks)
        {
            var stepped = _clocks[name] = new FaketimeClock(Path.Combine(Root, $"{name}.clock-offset"));
            clock = stepped.Launcher;
        }

        NodeProcess node;
        if (network is not null)
        {
            var index = _nodes.Count + 1;
            var host = network.AddNode(index);
            node = NodeProcess.Start(nodeDll, name, port ?? FreePort.Next(), Path.Combine(Root, name), arguments, host, [.. network.Launcher(index), .. clock]);
            _networkIndex[node] = index;
        }
        else
        {
            node = NodeProcess.Start(nodeDll, name, port ?? FreePort.Next(), Path.Combine(Root, name), arguments, launcher: clock);
        }

        _nodes.Add(node);
        await node.WaitForLineAsync(l => l.StartsWith($"{name}: listening on", StringComparison.Ordinal), StartTimeout, "the node to start");
        return node;
    }

    /// <summary>Steps <paramref name="node"/>'s wall clock to <paramref name="offset"/> from the true time (<c>-10m</c>, <c>+0</c>); the cluster must have been made with stepped clocks.</summary>
    public void StepClock(NodeProcess node, string offset) =>
        (_clocks.TryGetValue(node.Name, out var clock) ? clock : throw new InvalidOperationException("this cluster's nodes do not run under libfaketime")).Step(offset);

    /// <summary>
    /// Runs <c>status --json</c> on <paramref name="via"/> and reads its document. While a grain's
    /// host has died and the grain is not yet re-activated, the node answers that the grain did
    /// not answer in time: then it asks again, for up to three command timeouts.
    /// </summary>
    public static async Task<StatusDocument> StatusAsync(NodeProcess via)
    {
        for (var attempt = 1; ; attempt++)
        {
            var from = via.Lines.Count;
            await via.SendAsync("status --json");
            var answer = await via.WaitForLineAsync(
                l => l.StartsWith(StatusLineStart, StringComparison.Ordinal) || l.StartsWith("status: ", StringComparison.Ordinal),
                CommandTimeout,
                "status --json",
                from);
            if (answer.Text.StartsWith(StatusLineStart, StringComparison.Ordinal))
            {
                return JsonSerializer.Deserialize(answer.Text, StatusJsonContext.Default.StatusDocument)
                    ?? throw new InvalidOperationException($"{via.Name}: status --json printed null");
            }

            if (attempt == 3)
            {
                throw new TimeoutException($"{via.Name}: status failed {attempt} times: {answer.Text}");
            }
        }
    }

    /// <summary>Queues a block holding <paramref name="data"/> at <paramref name="via"/>'s prompt; true once acknowledged, false when refused.</summary>
    public static async Task<bool> MineAsync(NodeProcess via, string data) =>
        (await MineAnswerAsync(via, data)).StartsWith("queued", StringComparison.Ordinal);

    /// <summary>Types <c>mine <paramref name="data"/></c> at <paramref name="via"/>'s prompt and returns its answer: <c>queued …</c> or <c>mine: …</c>.</summary>
    public static async Task<string> MineAnswerAsync(NodeProcess via, string data)
    {
        var from = via.Lines.Count;
        await via.SendAsync($"mine {data}");
        var echoed = PrintableText.Echo(data);
        var answer = await via.WaitForLineAsync(l => l.StartsWith($"queued \"{echoed}\"", StringComparison.Ordinal) || l.StartsWith("mine:", StringComparison.Ordinal), CommandTimeout, $"the answer to mine {echoed}", from);
        return answer.Text;
    }

    /// <summary>Waits until <paramref name="node"/> prints the block holding <paramref name="data"/>; returns its height.</summary>
    public static async Task<ulong> WaitForBlockAsync(NodeProcess node, string data, TimeSpan timeout)
    {
        var line = await node.WaitForLineAsync(l => IsBlockLine(l, data), timeout, $"the block holding {PrintableText.Echo(data)}");
        return ulong.Parse(line.Text.Split(' ')[2], CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="node"/> has printed the block holding <paramref name="data"/>.</summary>
    public static bool HasBlock(NodeProcess node, string data) => node.Lines.Any(l => IsBlockLine(l.Text, data));

    /// <summary>Whether <paramref name="line"/> announces the block holding <paramref name="data"/>, as the node echoes it (long data is cut).</summary>
    public static bool IsBlockLine(string line, string data) =>
        line.StartsWith("new block ", StringComparison.Ordinal) && line.EndsWith($" \"{PrintableText.Echo(data)}\"", StringComparison.Ordinal);

    /// <summary>
    /// Types <c>mine {prefix}-{node}</c> at every live node and waits until each of those
    /// blocks is on every live node; returns the data mined. Throws when one is refused or does
    /// not land within <paramref name="timeout"/> (counted from the first <c>mine</c>).
    /// </summary>
    public async Task<IReadOnlyList<string>> MineAtEveryNodeAsync(string prefix, TimeSpan timeout)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var live = Live;
        var data = live.Select(n => $"{prefix}-{n.Name}").ToArray();
        foreach (var (node, item) in live.Zip(data))
        {
            if (!await MineAsync(node, item))
            {
                throw new InvalidOperationException($"{node.Name} refused mine {item}: {node.Lines[^1].Text}");
            }
        }

        foreach (var node in live)
        {
            foreach (var item in data)
            {
                var left = timeout - started.Elapsed;
                await WaitForBlockAsync(node, item, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            }
        }

        return data;
    }

    private NodeNetwork Network => network ?? throw new InvalidOperationException("this cluster has no network of its own to partition");

    /// <summary>Cuts <paramref name="node"/> off from every other node (needs the cluster's network).</summary>
    public void Isolate(NodeProcess node) => Network.Isolate(_networkIndex[node]);

    /// <summary>Cuts <paramref name="a"/> and <paramref name="b"/> off from each other only (<see cref="NodeNetwork.Cut"/>).</summary>
    public void Cut(NodeProcess a, NodeProcess b) => Network.Cut(_networkIndex[a], _networkIndex[b]);

    /// <summary>Ends <see cref="Cut"/>.</summary>
    public void Mend(NodeProcess a, NodeProcess b) => Network.Mend(_networkIndex[a], _networkIndex[b]);

    /// <summary>Joins <paramref name="node"/> to the others again.</summary>
    public void Reconnect(NodeProcess node) => Network.Reconnect(_networkIndex[node]);

    /// <summary>The node whose address is <paramref name="address"/>.</summary>
    public NodeProcess At(string address) => _nodes.Last(n => n.Address == address);

    public NodeProcess Named(string name) => _nodes.Last(n => n.Name == name);

    /// <summary>Ends every live node with <c>exit</c> (a graceful leave) and waits for them.</summary>
    public async Task StopAllAsync()
    {
        foreach (var node in Live)
        {
            await node.SendAsync("exit");
        }

        await Task.WhenAll(Live.Select(n => n.WaitForExitAsync(CommandTimeout)));
    }

    /// <summary>The main chain a stopped node left in its data directory, checked as at start.</summary>
    public static IReadOnlyList<Block> ReadChain(NodeProcess node)
    {
        using var store = ChainStore.Open(node.DataDirectory, ChainRules.Default, trustStore: false, NullLogger.Instance);
        return store.ReadRange(1, (int)store.Height).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    // Every status document starts with its version, so no other line is taken for one.
    private const string StatusLineStart = "{\"version\":";
}
