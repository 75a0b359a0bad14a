using Beamchain.Node.Network;

namespace Beamchain.Node.Tests.Network;

/// <summary>
/// The multi-node proof shared by every membership: two <c>mine</c> requests on one node
/// yield two blocks that every node stores, prints and agrees on. The first block runs at
/// the genesis target with no rate known yet; the second's target follows the measured
/// rate, long enough that several nodes hash part of it, which is asserted from the
/// dispenser's figures along with non-overlapping completed ranges.
/// </summary>
public static class ClusterProof
{
    public static async Task MineAndAgreeAsync(IReadOnlyList<TestNode> nodes, TestNode asker, TimeSpan timeout)
    {
        var first = await asker.Node.MineAsync("hello");
        var second = await asker.Node.MineAsync("world");
        Assert.Equal("", first.Error);
        Assert.Equal(1, first.Place);
        Assert.Equal(2, second.Place);

        foreach (var node in nodes)
        {
            await Eventually.WithinAsync(node.Node.WhenHeightAsync(2).ContinueWith(_ => true), timeout, $"{node.Node.Name} stores block 2");
        }

        for (ulong height = 1; height <= 2; height++)
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

        Assert.Equal(["hello", "world"], nodes[0].Node.Chain.GetRange(1, 2).Select(b => b.Data));
        var summary = nodes.Select(n => n.Output.Lines.Single(l => l.StartsWith("block 2 mined in", StringComparison.Ordinal))).Distinct().Single();
        var worked = nodes.Count(n => summary.Contains($"{n.Node.Name} ", StringComparison.Ordinal));
        Assert.True(worked >= 2, $"at least two nodes hashed part of block 2: {summary}");

        var figures = nodes[0].Node.SummaryOf(2)!;
        Assert.Equal(0UL, figures.Duplicated);
        var ranges = figures.CompletedRanges.OrderBy(r => r.Start).ToList();
        Assert.True(ranges.Select(r => r.Node).Distinct().Count() >= 2);
        for (var i = 1; i < ranges.Count; i++)
        {
            Assert.True(ranges[i - 1].Start + ranges[i - 1].Count <= ranges[i].Start, $"completed ranges overlap: {ranges[i - 1]} and {ranges[i]}");
        }
    }
}
