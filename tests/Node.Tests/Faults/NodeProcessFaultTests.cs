using System.Diagnostics;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Status;
using Beamchain.Node.Mining;
using Beamchain.Node.Tests.Cluster;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Faults;

/// <summary>
/// The fault suite: real node processes (the built beamchain.dll) on 127.0.0.1, each with its
/// own port and data directory, commanded over standard input and read from their output,
/// and hurt with real signals. A few warm-up blocks raise the difficulty (at most 4x per
/// block) until a block takes seconds, so faults land mid-job. Every ending is checked on
/// the stores the survivors leave behind.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class NodeProcessFaultTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan BlockTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMilliseconds(500);
    private const double WarmBlockSeconds = 1.0;
    private const int MaxWarmBlocks = 12;
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "beamchain.dll");

    private readonly TempDirectory _dir = new();
    private FaultCluster _cluster = null!;

    public Task InitializeAsync()
    {
        _cluster = new FaultCluster(Dll, _dir.Path, ["--cookie", "fault-suite-secret", "--device", "cpu", "--cpu-threads", "1", "--block-time", "3s", "--lease-ms", $"{LeaseTime.TotalMilliseconds}"]);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        foreach (var node in _cluster.Nodes)
        {
            log.WriteLine($"--- {node.Name} (port {node.Port}), last lines:");
            log.WriteLine(string.Join('\n', node.Lines.Where(l => !l.Text.EndsWith(" nonces processed", StringComparison.Ordinal)).TakeLast(40).Select(l => l.Text)));
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task Killing_the_largest_lease_holder_mid_job_the_block_still_lands_and_the_survivors_agree()
    {
        var a = await StartThreeAsync();
        await WarmUpAsync(a, 3);

        // A block can still land before a status shows a lease open on a node hosting neither
        // grain; then the next block, a little harder, is the one to hurt.
        StatusDocument? view = null;
        var data = "";
        for (var attempt = 1; view is null; attempt++)
        {
            Assert.True(attempt <= 4, "four blocks in a row landed before a node hosting neither grain held a lease");
            data = $"after-kill-{attempt}";
            Assert.True(await FaultCluster.MineAsync(a, data));
            await Eventually.TrueAsync(
                async () => (view = LeaseOffGrainHosts(await FaultCluster.StatusAsync(a))) is not null || FaultCluster.HasBlock(a, data),
                BlockTimeout,
                $"{data}: a lease open on a node hosting neither grain, or the block");
        }

        var victimLease = view!.Job!.OpenByNode.Where(o => HostsNoGrain(view, o.Node)).MaxBy(o => o.Nonces)!;
        var victim = _cluster.Named(victimLease.Node);
        var dispenser = _cluster.At(view.Dispenser.Host);
        var from = dispenser.Lines.Count;

        victim.Kill();
        var killedAt = Stopwatch.GetTimestamp();
        var survivors = _cluster.Live;
        var landed = new List<OutputLine>();
        foreach (var node in survivors)
        {
            await FaultCluster.WaitForBlockAsync(node, data, BlockTimeout);
            landed.Add(node.Lines.First(l => l.Text.EndsWith($" \"{data}\"", StringComparison.Ordinal)));
        }

        var reissued = dispenser.Lines.Skip(from).FirstOrDefault(l => l.Text.Contains($"from {victim.Name}'s expired lease", StringComparison.Ordinal));
        var expiry = LeaseBook.ExpiryFactor * LeaseTime;
        if (reissued is not null)
        {
            var elapsed = Stopwatch.GetElapsedTime(killedAt, reissued.At);
            log.WriteLine($"SIGKILL {victim.Name} (largest lease, {victimLease.Nonces} nonces); its range issued again after {elapsed.TotalMilliseconds:F0} ms (expiry {expiry.TotalMilliseconds:F0} ms)");
            Assert.True(elapsed < expiry + TimeSpan.FromSeconds(3), $"issued again only after {elapsed}");
        }
        else
        {
            // Nothing to issue again only when the block landed before the dead lease could expire.
            var landedAfter = Stopwatch.GetElapsedTime(killedAt, landed.Min(l => l.At));
            log.WriteLine($"SIGKILL {victim.Name}; the block landed {landedAfter.TotalMilliseconds:F0} ms later, before its lease expired");
            Assert.True(landedAfter < expiry + TimeSpan.FromSeconds(1), $"the block landed {landedAfter} after the kill, yet the dead lease was never issued again");
        }

        await AssertSurvivorsAgreeAsync([data]);
    }

    [Fact]
    public async Task Killing_the_chain_grain_host_mid_job_every_acknowledged_request_is_mined_exactly_once()
    {
        var a = await StartThreeAsync();
        await WarmUpAsync(a, 2);
        var host = _cluster.At((await FaultCluster.StatusAsync(a)).Chain.Host);
        var askers = _cluster.Live.Where(n => n != host).ToArray();
        string[] requests = ["r1", "r2", "r3"];
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.True(await FaultCluster.MineAsync(askers[i % askers.Length], requests[i]), $"{requests[i]} acknowledged");
        }

        await Eventually.TrueAsync(async () => (await FaultCluster.StatusAsync(askers[0])).Job is not null, BlockTimeout, "a job running");
        host.Kill();
        log.WriteLine($"SIGKILL {host.Name}, the chain grain's host, with {requests.Length} requests acknowledged");
        var killedAt = Stopwatch.GetTimestamp();

        foreach (var node in askers)
        {
            foreach (var request in requests)
            {
                await FaultCluster.WaitForBlockAsync(node, request, BlockTimeout);
            }
        }

        log.WriteLine($"all {requests.Length} requests in blocks on every survivor {Stopwatch.GetElapsedTime(killedAt).TotalSeconds:F1} s after the kill");
        await AssertSurvivorsAgreeAsync(requests);
    }

    [Fact]
    public async Task A_node_joining_mid_block_syncs_the_chain_first_then_hashes_part_of_the_current_block()
    {
        // node-a stores but does not hash, so once node-b has left the job waits for the newcomer.
        var a = await _cluster.StartAsync("node-a", null, extraArguments: ["--device", "none"]);
        var b = await _cluster.StartAsync("node-b", a);
        await WaitForMembersAsync(a, 2);
        await WarmUpAsync(a, 2, climb: false); // no need: the job cannot land before node-c hashes
        b.Signal("TERM"); // leaves gracefully, as on Ctrl-C
        Assert.Equal(0, await b.WaitForExitAsync(FaultCluster.CommandTimeout));
        Assert.Contains(b.Lines, l => l.Text == "node-b: left the cluster");
        Assert.True(await FaultCluster.MineAsync(a, "mid-block"));
        // The chain grain may have lived on node-b: its job starts once the grain is active again on node-a.
        await Eventually.TrueAsync(async () => (await FaultCluster.StatusAsync(a)).Job is not null, BlockTimeout, "the job for mid-block");

        var c = await _cluster.StartAsync("node-c", a);
        var member = await c.WaitForLineAsync(l => l.StartsWith("node-c: member of", StringComparison.Ordinal), BlockTimeout, "membership");
        var synced = await c.WaitForLineAsync(l => l.StartsWith("node-c: chain at block", StringComparison.Ordinal), BlockTimeout, "the sync");
        var firstHash = await c.WaitForLineAsync(l => l.StartsWith("node-c: ", StringComparison.Ordinal) && l.EndsWith(" nonces processed", StringComparison.Ordinal), BlockTimeout, "its first hashes");
        var height = await FaultCluster.WaitForBlockAsync(a, "mid-block", BlockTimeout);
        var summary = await a.WaitForLineAsync(l => l.StartsWith($"block {height} mined in", StringComparison.Ordinal), BlockTimeout, "the block's figures");

        log.WriteLine($"node-c: member → synced {Stopwatch.GetElapsedTime(member.At, synced.At).TotalMilliseconds:F0} ms, member → first hashes reported {Stopwatch.GetElapsedTime(member.At, firstHash.At).TotalMilliseconds:F0} ms");
        Assert.StartsWith("node-c: chain at block 2 ", synced.Text, StringComparison.Ordinal);
        Assert.True(synced.At <= firstHash.At, "synced before hashing");
        Assert.Equal(3UL, height);
        Assert.Contains("node-c ", summary.Text.Split("nonces per node: ")[1], StringComparison.Ordinal);
        await AssertSurvivorsAgreeAsync(["mid-block"]);
    }

    [Fact]
    public async Task A_stopped_node_continues_and_a_restarted_node_catches_up()
    {
        var a = await StartThreeAsync();

        // Stop a node hosting neither grain: while stopped it must not hold up the job.
        var view = await FaultCluster.StatusAsync(a);
        var c = _cluster.Live.First(n => n != a && n.Address != view.Chain.Host && n.Address != view.Dispenser.Host);

        c.Signal("STOP");
        Assert.True(await FaultCluster.MineAsync(a, "while-stopped"));
        await FaultCluster.WaitForBlockAsync(a, "while-stopped", BlockTimeout);
        c.Signal("CONT");
        await FaultCluster.WaitForBlockAsync(c, "while-stopped", BlockTimeout);

        c.Kill();
        Assert.True(await FaultCluster.MineAsync(a, "while-down"));
        var height = await FaultCluster.WaitForBlockAsync(a, "while-down", BlockTimeout);
        var restarted = await _cluster.StartAsync(c.Name, a);
        var synced = await restarted.WaitForLineAsync(l => l.StartsWith($"{c.Name}: chain at block", StringComparison.Ordinal), BlockTimeout, "the sync");

        Assert.StartsWith($"{c.Name}: chain at block {height} ", synced.Text, StringComparison.Ordinal);
        await AssertSurvivorsAgreeAsync(["while-stopped", "while-down"]);
    }

    private async Task<NodeProcess> StartThreeAsync()
    {
        var a = await _cluster.StartAsync("node-a", null);
        await Task.WhenAll(_cluster.StartAsync("node-b", a), _cluster.StartAsync("node-c", a));
        await WaitForMembersAsync(a, 3);
        return a;
    }

    private static Task WaitForMembersAsync(NodeProcess via, int count) =>
        Eventually.TrueAsync(async () => (await FaultCluster.StatusAsync(via)).Members.Count == count, BlockTimeout, $"{count} members");

    /// <summary>
    /// The view when a job runs with a lease open on a node hosting neither grain; else null.
    /// (Killing a grain's host is its own test: the chain grain's failover would delay the block.)
    /// </summary>
    private StatusDocument? LeaseOffGrainHosts(StatusDocument view) =>
        view.Job is { } job && job.OpenByNode.Any(o => HostsNoGrain(view, o.Node)) ? view : null;

    private bool HostsNoGrain(StatusDocument view, string node) =>
        _cluster.Named(node).Address is var address && address != view.Dispenser.Host && address != view.Chain.Host;

    /// <summary>
    /// Mines at least <paramref name="blocks"/> warm-up blocks, then more until one took
    /// <see cref="WarmBlockSeconds"/> or longer from request to stored everywhere, so the
    /// difficulty has climbed towards the block time (at most 4x per block: how many blocks
    /// that takes depends on how fast this machine hashes). Without <paramref name="climb"/>,
    /// exactly <paramref name="blocks"/> blocks.
    /// </summary>
    private async Task WarmUpAsync(NodeProcess via, int blocks, bool climb = true)
    {
        for (var i = 1; i <= MaxWarmBlocks; i++)
        {
            var asked = Stopwatch.GetTimestamp();
            Assert.True(await FaultCluster.MineAsync(via, $"warm-{i}"));
            var height = 0UL;
            foreach (var node in _cluster.Live)
            {
                height = await FaultCluster.WaitForBlockAsync(node, $"warm-{i}", BlockTimeout);
            }

            var took = Stopwatch.GetElapsedTime(asked);
            log.WriteLine($"warm-up block {height} on every node {took.TotalSeconds:F2} s after it was asked for");
            if (i >= blocks && (!climb || took.TotalSeconds >= WarmBlockSeconds))
            {
                return;
            }
        }

        log.WriteLine($"after {MaxWarmBlocks} warm-up blocks no block took {WarmBlockSeconds} s; going on");
    }

    /// <summary>Stops the live nodes gracefully, then reads their stores: one chain, holding each of <paramref name="requests"/> exactly once.</summary>
    private async Task AssertSurvivorsAgreeAsync(IReadOnlyList<string> requests)
    {
        var survivors = _cluster.Live;
        await _cluster.StopAllAsync();
        var chains = survivors.Select(FaultCluster.ReadChain).ToArray();
        var tips = chains.Select(c => c[^1].Hash).Distinct().ToArray();
        Assert.True(tips.Length == 1, $"the survivors end on {tips.Length} different tips: {string.Join(", ", survivors.Select((n, i) => $"{n.Name} at {chains[i].Count}"))}");
        foreach (var request in requests)
        {
            Assert.Equal(1, chains[0].Count(b => b.Data == request));
        }
    }
}
