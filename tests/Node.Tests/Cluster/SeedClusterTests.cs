namespace Beamchain.Node.Tests.Cluster;

[Collection(HashingTests.Collection)]
public class SeedClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60); // generous: three blocks on a loaded machine took 10-40 s

    [Fact]
    public async Task Three_nodes_joined_by_a_seed_mine_a_block_together_and_all_store_it()
    {
        await using var a = await TestNode.StartAsync("node-a", SeedMembership.First());
        await using var b = await TestNode.StartAsync("node-b", SeedMembership.Joining(a.Node));
        await using var c = await TestNode.StartAsync("node-c", SeedMembership.Joining(a.Node));
        TestNode[] nodes = [a, b, c];
        await Eventually.TrueAsync(() => nodes.All(n => n.Node.Members.Count == 3), Timeout, "every node sees three members");

        await ClusterProof.MineAndAgreeAsync(nodes, b, Timeout);
    }
}
