using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;

namespace Beamchain.Node.Tests.Cluster;

/// <summary>
/// The multi-node proof shared by every membership: three <c>mine</c> requests on one node
/// yield three blocks that every node stores, prints and agrees on. The first block runs at
/// the genesis target with no rate known yet, and a target may only tighten 4× a block, so
/// the second can still be solved by one node in a few milliseconds; the third's target
/// (up to 16× genesis, else the measured rate × block time) is usually long enough that
/// several nodes hash part of it, which is asserted from the dispenser's figures along with
/// non-overlapping completed ranges; when a lucky nonce ends it first, up to
/// <see cref="ExtraBlocks"/> harder blocks follow until one shows it.
/// </summary>
public static class ClusterProof
{
    private const ulong ExtraBlocks = 4;

    public static async Task MineAndAgreeAsync(IReadOnlyList<TestNode> nodes, TestNode asker, TimeSpan timeout)
    {
        string[] data = ["hello", "world", "again"];
        const ulong last = 3;
        for (var i = 0; i < data.Length; i++)
        {
            var reply = await asker.Node.MineAsync(data[i]);
            Assert.Equal("", reply.Error);
            // Its place counts the requests still queued: an earlier one may already be in a block.
            Assert.InRange(reply.Place, 1, i + 1);
        }

        foreach (var node in nodes)
        {
            await Eventually.WithinAsync(node.Node.WhenHeightAsync(last).ContinueWith(_ => true), timeout, $"{node.Node.Name} stores block {last}");
        }

        for (ulong height = 1; height <= last; height++)
        {
            var hashes = nodes.Select(n => n.Node.Chain.GetRange(height, 1).Single().Hash).Distinct().ToList();
            Assert.Single(hashes);
            foreach (var node in nodes)
            {
                await Eventually.TrueAsync(
                    () => node.Output.Lines.Any(l => l.StartsWith($"new block {height} {hashes[0]}", StringComparison.Ordinal)),
                    timeout,
                    $"{node.Node.Name} prints block {height}");
            }
        }

        Assert.Equal(data, nodes[0].Node.Chain.GetRange(1, (int)last).Select(b => b.Data));
        // A block can still be solved by one node before the others' first leases are back
        // (a lucky nonce early in the range); then a later, harder block shows the sharing.
        var shared = last;
        while (true)
        {
            var summary = await SummaryAsync(nodes, shared, timeout);
            if (nodes.Count(n => summary.Contains($"{n.Node.Name} ", StringComparison.Ordinal)) >= 2)
            {
                break;
            }

            Assert.True(shared < last + ExtraBlocks, $"at least two nodes hashed part of one of blocks {last}..{shared}; the last: {summary}");
            shared++;
            Assert.Equal("", (await asker.Node.MineAsync($"again-{shared}")).Error);
            foreach (var node in nodes)
            {
                await Eventually.WithinAsync(node.Node.WhenHeightAsync(shared).ContinueWith(_ => true), timeout, $"{node.Node.Name} stores block {shared}");
            }
        }

        var figures = nodes[0].Node.SummaryOf(shared)!;
        Assert.Equal(0UL, figures.Duplicated);
        var ranges = figures.CompletedRanges.OrderBy(r => r.Start).ToList();
        Assert.True(ranges.Select(r => r.Node).Distinct().Count() >= 2);
        for (var i = 1; i < ranges.Count; i++)
        {
            Assert.True(ranges[i - 1].Start + ranges[i - 1].Count <= ranges[i].Start, $"completed ranges overlap: {ranges[i - 1]} and {ranges[i]}");
        }
    }

    /// <summary>The summary line of block <paramref name="height"/>, the same on every node.</summary>
    private static async Task<string> SummaryAsync(IReadOnlyList<TestNode> nodes, ulong height, TimeSpan timeout)
    {
        var start = $"block {height} mined in";
        foreach (var node in nodes)
        {
            await Eventually.TrueAsync(
                () => node.Output.Lines.Any(l => l.StartsWith(start, StringComparison.Ordinal)),
                timeout,
                $"{node.Node.Name} prints the summary of block {height}");
        }

        return nodes.Select(n => n.Output.Lines.Single(l => l.StartsWith(start, StringComparison.Ordinal))).Distinct().Single();
    }
}
