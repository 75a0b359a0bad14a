using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;

namespace Beamchain.Node.Tests.Cluster;

public class RecentSummariesTests
{
    [Fact]
    public void Only_the_highest_blocks_summaries_are_kept()
    {
        var summaries = new RecentSummaries(capacity: 3);

        foreach (var height in new ulong[] { 1, 2, 3, 4, 5 })
        {
            summaries.Add(height, new JobSummary { SolvedBy = $"node-{height}" });
        }

        Assert.Equal(3, summaries.Count);
        Assert.Null(summaries.Get(1));
        Assert.Null(summaries.Get(2));
        Assert.Equal(["node-3", "node-4", "node-5"], new ulong[] { 3, 4, 5 }.Select(h => summaries.Get(h)?.SolvedBy));
    }

    [Fact]
    public void A_block_announced_again_replaces_its_summary_without_growing()
    {
        var summaries = new RecentSummaries(capacity: 3);

        summaries.Add(7, new JobSummary { SolvedBy = "a" });
        summaries.Add(7, new JobSummary { SolvedBy = "b" });

        Assert.Equal(1, summaries.Count);
        Assert.Equal("b", summaries.Get(7)?.SolvedBy);
    }
}
