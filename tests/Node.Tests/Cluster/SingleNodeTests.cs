using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;

namespace Beamchain.Node.Tests.Cluster;

[Collection(HashingTests.Collection)]
public class SingleNodeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_no_consul_and_no_seed_a_node_runs_alone_and_mines_in_order()
    {
        var settings = new ClusterSettings { Mode = ClusterMode.Auto, ConsulAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}") };
        var membership = await new MembershipChoice().ChooseAsync(settings);
        Assert.Equal(ClusterMode.Single, membership.Mode);

        await using var node = await TestNode.StartAsync("solo", membership);
        var requests = new List<MineAccepted>();
        foreach (var data in new[] { "one", "two", "three" })
        {
            requests.Add(await node.Node.MineAsync(data));
        }

        Assert.Equal([1, 2, 3], requests.Select(r => r.Place));
        await Eventually.WithinAsync(node.Node.WhenMinedAsync(requests[^1].RequestId), Timeout, "the third request is mined");
        Assert.Equal(["one", "two", "three"], node.Node.Chain.GetRange(1, 3).Select(b => b.Data));
        Assert.Equal(3, node.Output.Lines.Count(l => l.StartsWith("new block ", StringComparison.Ordinal)));
        Assert.Contains(node.Output.Lines, l => l.StartsWith("solo: ", StringComparison.Ordinal) && l.EndsWith(" nonces processed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_keeps_nothing_per_request_once_the_requests_blocks_are_stored()
    {
        await using var node = await TestNode.StartAsync("tidy", await new MembershipChoice().ChooseAsync(new ClusterSettings { Mode = ClusterMode.Single }));
        var requests = new List<MineAccepted>();
        foreach (var data in new[] { "one", "two", "three" })
        {
            requests.Add(await node.Node.MineAsync(data));
        }

        await Eventually.WithinAsync(node.Node.WhenMinedAsync(requests[^1].RequestId), Timeout, "the third request is mined");
        await node.Node.WhenQueuedRequestsMinedAsync().WaitAsync(Timeout);
        await node.Node.WhenMinedAsync(requests[0].RequestId); // asked again after its block is stored

        Assert.Equal((Waited: 0, QueuedHere: 0, Summaries: 3), node.Node.Tracked);
    }
}
