using System.Diagnostics;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Tests.Cluster;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Faults;

/// <summary>
/// A network partition between real node processes, each in its own network namespace on a
/// bridge (<see cref="NodeNetwork"/>; needs root and iproute2, which <c>.ci/run</c> installs):
/// one node's link goes down for 20 s. The majority drops it and mines on; the cut-off node,
/// outnumbered, drops nobody (so it never blocks the majority). When the link comes back the
/// majority refuses it, and it joins them again by itself as a new member; nobody restarts
/// anything. Ends with <see cref="HealedCluster.ProveAsync"/>. Under Consul membership the agent
/// (the double, on the bridge) is out of the cut-off node's reach too, as a real agent on another
/// host would be.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class PartitionFaultTests(ITestOutputHelper log) : NetworkedCluster(log)
{
    private static readonly TimeSpan Partition = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("seed")]
    [InlineData("consul")]
    public async Task A_2_1_partition_for_20_s_heals_into_one_cluster_with_every_acknowledged_request_mined_once(string membership)
    {
        var cluster = await StartAsync(membership);
        var nodes = cluster.Nodes;
        var cut = nodes.Named("node-c");
        var majority = nodes.Live.Where(n => n != cut).ToArray();

        nodes.Isolate(cut);
        var cutAt = Stopwatch.GetTimestamp();
        Log.WriteLine($"partition: {cut.Name} | {string.Join(", ", majority.Select(n => n.Name))}");

        // The majority mines on once it has dropped node-c; node-c, outnumbered, drops nobody.
        await Eventually.TrueAsync(async () => (await FaultCluster.StatusAsync(majority[0])).Members.Count == 2, Partition + HealedCluster.LandTimeout, "the majority to drop node-c");
        Assert.True(await FaultCluster.MineAsync(majority[0], "majority-side"));
        foreach (var node in majority)
        {
            await FaultCluster.WaitForBlockAsync(node, "majority-side", HealedCluster.LandTimeout);
        }

        // A request typed on the cut-off side may be refused (it cannot be stored on a second member); if acknowledged it must be mined once too.
        var acknowledged = new List<string> { "majority-side" };
        if (await FaultCluster.MineAsync(cut, "minority-side"))
        {
            acknowledged.Add("minority-side");
        }

        Log.WriteLine($"on the cut-off side, mine minority-side was {(acknowledged.Count == 2 ? "acknowledged" : "refused")}");

        // The partition lasts its full length (the fault itself, not a wait for a condition).
        var left = Partition - Stopwatch.GetElapsedTime(cutAt);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }

        nodes.Reconnect(cut);
        var healedAt = Stopwatch.GetTimestamp();
        var rejoined = await cut.WaitForLineAsync(l => l.StartsWith($"{cut.Name}: joined beamchain again as member", StringComparison.Ordinal), HealedCluster.LandTimeout, "node-c to join the others again");
        Log.WriteLine($"{cut.Name} joined the others again {Stopwatch.GetElapsedTime(healedAt, rejoined.At).TotalSeconds:F1} s after the network healed");

        foreach (var node in majority)
        {
            Assert.DoesNotContain(node.Lines, l => l.Text.Contains(": dropped from the cluster: ", StringComparison.Ordinal) || l.Text.Contains("I have been blocked", StringComparison.Ordinal));
        }

        // Whether node-c said it was outnumbered depends on its gossip loop running meanwhile (Proto's loop may also stall on the unreachable members); either way it must not have blocked the majority.
        Log.WriteLine($"{cut.Name} {(cut.Lines.Any(l => l.Text.StartsWith($"{cut.Name}: no heartbeat from 2 of the 3 members", StringComparison.Ordinal)) ? "said" : "did not say")} it was outnumbered");
        await cluster.ProveAsync(acknowledged);
    }
}
