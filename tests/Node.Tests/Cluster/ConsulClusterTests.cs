using Beamchain.ConsulDouble;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;

namespace Beamchain.Node.Tests.Cluster;

[Collection(HashingTests.Collection)]
public class ConsulClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60); // generous: three blocks on a loaded machine took 10-40 s

    [Fact]
    public async Task Three_nodes_joined_through_consul_mine_a_block_together_and_all_store_it()
    {
        await using var consul = await ConsulDoubleServer.StartAsync(new ConsulDoubleOptions { Host = System.Net.IPAddress.Loopback, Port = 0 });
        var settings = new ClusterSettings { Mode = ClusterMode.Auto, ConsulAddress = consul.BaseAddress };
        var choice = new MembershipChoice();

        var memberships = new List<ClusterMembership>();
        for (var i = 0; i < 3; i++)
        {
            memberships.Add(await choice.ChooseAsync(settings));
        }

        Assert.All(memberships, m => Assert.Equal(ClusterMode.Consul, m.Mode));
        await using var a = await TestNode.StartAsync("node-a", memberships[0]);
        await using var b = await TestNode.StartAsync("node-b", memberships[1]);
        await using var c = await TestNode.StartAsync("node-c", memberships[2]);
        TestNode[] nodes = [a, b, c];
        await Eventually.TrueAsync(() => nodes.All(n => n.Node.Members.Count == 3), Timeout, "every node sees three members");

        await ClusterProof.MineAndAgreeAsync(nodes, c, Timeout);
    }
}
