using Beamchain.Node.Network;
using Proto.Cluster.Seed;

namespace Beamchain.Node.Tests.Network;

public class SeedClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Three_nodes_joined_by_a_seed_mine_a_block_together_and_all_store_it()
    {
        await using var a = await TestNode.StartAsync("node-a", new ClusterMembership(ClusterMode.Single, FixedServerSeedNode.StartSeedNode(), "seed"));
        var (host, port) = Split(a.Node.Address);
        await using var b = await TestNode.StartAsync("node-b", new ClusterMembership(ClusterMode.Seed, FixedServerSeedNode.JoinSeedNode(host, port), "seed"));
        await using var c = await TestNode.StartAsync("node-c", new ClusterMembership(ClusterMode.Seed, FixedServerSeedNode.JoinSeedNode(host, port), "seed"));
        TestNode[] nodes = [a, b, c];
        await Eventually.TrueAsync(() => nodes.All(n => n.Node.Members.Count == 3), Timeout, "every node sees three members");

        await ClusterProof.MineAndAgreeAsync(nodes, b, Timeout);
    }

    private static (string Host, int Port) Split(string address)
    {
        var colon = address.LastIndexOf(':');
        return (address[..colon], int.Parse(address[(colon + 1)..]));
    }
}
