using System.Diagnostics;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Tests.Cluster;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Faults;

/// <summary>
/// A partial partition between real node processes in network namespaces (<see cref="NodeNetwork.Cut"/>):
/// the node hosting the chain grain and one other cannot reach each other, while both still
/// reach the third. Proto.Cluster's gossip carries heartbeats around the gap, so no heartbeat
/// expires; before <c>ReachWatch</c>, every request across the gap failed and the whole cluster
/// stopped mining for as long as the cut lasted. Now one of the two leaves, the other two mine
/// on, and it joins again once the cut is mended. Ends with <see cref="HealedCluster.ProveAsync"/>.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class PartialPartitionFaultTests(ITestOutputHelper log) : NetworkedCluster(log)
{
    [Theory]
    [InlineData("seed")]
    [InlineData("consul")]
    public async Task Two_members_that_cannot_reach_each_other_settle_it_one_leaves_and_the_rest_mine_on(string membership)
    {
        var cluster = await StartAsync(membership);
        var nodes = cluster.Nodes;

        // Cut the chain grain's host (it says so when the grain starts there) from another node:
        // a mine typed at that other node could not reach the grain at all.
        var host = nodes.Live.Last(n => n.Lines.Any(l => l.Text.StartsWith($"chain: active on {n.Host}:", StringComparison.Ordinal)));
        var other = nodes.Live.First(n => n != host);
        nodes.Cut(host, other);
        var cutAt = Stopwatch.GetTimestamp();
        Log.WriteLine($"cut: {host.Name} (chain grain) and {other.Name} cannot reach each other; both reach the third");

        var left = await Task.WhenAny(new[] { host, other }.Select(async n => (Node: n, Line: await n.WaitForLineAsync(l => l.StartsWith($"{n.Name}: dropped from the cluster: it and ", StringComparison.Ordinal), HealedCluster.LandTimeout, "one of the two to leave"))));
        var (leaver, line) = await left;
        Log.WriteLine($"{leaver.Name} left {Stopwatch.GetElapsedTime(cutAt, line.At).TotalSeconds:F1} s after the cut: {line.Text}");
        Assert.Contains("have not reached each other directly", line.Text);
        await leaver.WaitForLineAsync(l => l.StartsWith($"{leaver.Name}: cannot reach ", StringComparison.Ordinal) && l.Contains("waiting to join again", StringComparison.Ordinal), HealedCluster.LandTimeout, "the leaver to wait for the cut to mend");

        // The two that stay reach each other: a block typed at each lands on both.
        var staying = nodes.Live.Where(n => n != leaver).ToArray();
        var acknowledged = new List<string>();
        foreach (var node in staying)
        {
            var data = $"during-cut-{node.Name}";
            Assert.True(await FaultCluster.MineAsync(node, data), $"{node.Name} refused {data}");
            acknowledged.Add(data);
        }

        foreach (var node in staying)
        {
            foreach (var data in acknowledged)
            {
                await FaultCluster.WaitForBlockAsync(node, data, HealedCluster.LandTimeout);
            }
        }

        Log.WriteLine($"both blocks landed on {string.Join(" and ", staying.Select(n => n.Name))} {Stopwatch.GetElapsedTime(cutAt).TotalSeconds:F1} s after the cut");

        nodes.Mend(host, other);
        var mendedAt = Stopwatch.GetTimestamp();
        var rejoined = await leaver.WaitForLineAsync(l => l.StartsWith($"{leaver.Name}: joined beamchain again as member", StringComparison.Ordinal), HealedCluster.LandTimeout, "the leaver to join again");
        Log.WriteLine($"{leaver.Name} joined again {Stopwatch.GetElapsedTime(mendedAt, rejoined.At).TotalSeconds:F1} s after the cut was mended");
        foreach (var node in staying)
        {
            Assert.DoesNotContain(node.Lines, l => l.Text.Contains(": dropped from the cluster: ", StringComparison.Ordinal));
        }

        await cluster.ProveAsync(acknowledged);
    }
}
