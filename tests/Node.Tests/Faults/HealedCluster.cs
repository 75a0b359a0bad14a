using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Tests.Cluster;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Faults;

/// <summary>
/// Three real node processes for the healing tests (1 CPU thread each, a cluster secret),
/// joined through the seed provider or a Consul agent, and the proof every healing test ends
/// with: <see cref="ProveAsync"/>.
/// </summary>
public sealed class HealedCluster : IAsyncDisposable
{
    /// <summary>How long a <c>mine</c> may take to land on every node once the cluster healed.</summary>
    public static readonly TimeSpan LandTimeout = TimeSpan.FromSeconds(60);

    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "beamchain.dll");
    private static readonly string[] NodeArguments = ["--device", "cpu", "--cpu-threads", "1", "--block-time", "2s", "--lease-time", "500ms", "--log-level", "warning"];

    private readonly ITestOutputHelper _log;

    private HealedCluster(FaultCluster nodes, ITestOutputHelper log)
    {
        Nodes = nodes;
        _log = log;
    }

    public FaultCluster Nodes { get; }

    /// <summary>
    /// node-a alone, node-b and node-c joining it through the seed provider, each in its own
    /// network namespace with <paramref name="network"/>, each under libfaketime with
    /// <paramref name="steppedClocks"/>; one block mined.
    /// </summary>
    public static async Task<HealedCluster> StartSeedAsync(string root, ITestOutputHelper log, NodeNetwork? network = null, bool steppedClocks = false)
    {
        var cluster = new HealedCluster(new FaultCluster(Dll, root, NodeArguments, network: network, steppedClocks: steppedClocks), log);
        var a = await cluster.Nodes.StartAsync("node-a", null);
        await Task.WhenAll(cluster.Nodes.StartAsync("node-b", a), cluster.Nodes.StartAsync("node-c", a));
        await cluster.WarmUpAsync();
        return cluster;
    }

    /// <summary>Three nodes registered with the Consul agent (or double) at <paramref name="consul"/>; one block mined.</summary>
    public static async Task<HealedCluster> StartConsulAsync(string root, Uri consul, ITestOutputHelper log, NodeNetwork? network = null)
    {
        var cluster = new HealedCluster(new FaultCluster(Dll, root, NodeArguments, ["--cluster", "consul", "--consul", consul.ToString()], network), log);
        await Task.WhenAll(cluster.Nodes.StartAsync("node-a", null), cluster.Nodes.StartAsync("node-b", null), cluster.Nodes.StartAsync("node-c", null));
        await cluster.WarmUpAsync();
        return cluster;
    }

    /// <summary>
    /// The end of every healing test: a <c>mine</c> typed at every node lands on every node
    /// within <see cref="LandTimeout"/>; then, from the stores the nodes leave, every request in
    /// <paramref name="acknowledged"/> and those is in exactly one main-chain block and all
    /// chains are equal.
    /// </summary>
    public async Task ProveAsync(IReadOnlyList<string> acknowledged)
    {
        var healed = await Nodes.MineAtEveryNodeAsync("healed", LandTimeout);
        var nodes = Nodes.Live;
        await Nodes.StopAllAsync();
        var verdict = ChainVerdict.Of([.. acknowledged, .. healed], nodes.ToDictionary(n => n.Name, FaultCluster.ReadChain));
        _log.WriteLine(verdict.ToString());
        Assert.True(verdict.Healthy, verdict.ToString());
        Assert.Equal(3, verdict.Nodes);
    }

    public async ValueTask DisposeAsync()
    {
        await Nodes.DisposeAsync();
        foreach (var node in Nodes.Nodes)
        {
            _log.WriteLine($"--- {node.Name} (port {node.Port}), last lines:");
            _log.WriteLine(string.Join('\n', node.Lines.Where(l => !l.Text.EndsWith(" nonces processed", StringComparison.Ordinal)).TakeLast(60).Select(l => l.Text)));
        }
    }

    private async Task WarmUpAsync()
    {
        var a = Nodes.Live[0];
        await Eventually.TrueAsync(async () => (await FaultCluster.StatusAsync(a)).Members.Count == 3, LandTimeout, "3 members");
        Assert.True(await FaultCluster.MineAsync(a, "warm-up"));
        foreach (var node in Nodes.Live)
        {
            await FaultCluster.WaitForBlockAsync(node, "warm-up", LandTimeout);
        }
    }
}
