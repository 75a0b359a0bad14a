using Beamchain.Harness;
using Beamchain.Node.Chain;
using Beamchain.Node.Grains;
using Beamchain.Node.Tests.Chain;
using Proto;

namespace Beamchain.Node.Tests.Cluster;

/// <summary>
/// Sync between real nodes on 127.0.0.1 (gRPC, the replicas' windows of store records): a node
/// behind two members that hold the same chain fetches it from both at once and ends with
/// exactly their chain.
/// </summary>
public sealed class MemberSyncTests(GeneratedChain generated) : IClassFixture<GeneratedChain>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_node_behind_syncs_from_two_members_at_once_and_ends_identical()
    {
        await using var a = await TestNode.StartAsync("sync-a", SeedMembership.First(), searchers: []);
        await using var c = await TestNode.StartAsync("sync-c", SeedMembership.Joining(a.Node), searchers: []);
        await using var b = await TestNode.StartAsync("sync-b", SeedMembership.Joining(a.Node), searchers: []);
        await Eventually.TrueAsync(() => b.Node.Members.Count == 3, Timeout, "sync-b to know both members");

        // The syncs the joins started (and the pulls they ask of members behind) are over once each
        // replica answers one more (a replica runs one at a time): none can catch one member holding
        // the chain before the other does.
        foreach (var node in new[] { a, c, b })
        {
            await b.Node.Cluster.System.Root.RequestAsync<SyncedWithMembers>(PID.FromAddress(node.Node.Address, ChainReplica.Name), new SyncWithMembers(), Timeout);
        }

        var replica = PID.FromAddress(b.Node.Address, ChainReplica.Name);

        // The two members come to hold the chain; the node behind is then asked to sync, as a member that finds it behind does.
        Assert.Equal(ChainUpdateOutcome.Extended, a.Node.Chain.TryAdopt(generated.Blocks).Outcome);
        Assert.Equal(ChainUpdateOutcome.Extended, c.Node.Chain.TryAdopt(generated.Blocks).Outcome);
        var synced = await b.Node.Cluster.System.Root.RequestAsync<SyncedWithMembers>(replica, new SyncWithMembers(), Timeout);

        Assert.Equal(2, synced.MembersAnswered);
        Assert.Equal(a.Node.Chain.Tip.Hash, b.Node.Chain.Tip.Hash);
        Assert.Equal(a.Node.Chain.TotalWork, b.Node.Chain.TotalWork);
        Assert.Equal(a.Node.Chain.GetHeaders(0, GeneratedChain.Length + 1), b.Node.Chain.GetHeaders(0, GeneratedChain.Length + 1));
        Assert.Equal(a.Node.Chain.GetRecords(1, GeneratedChain.Length), b.Node.Chain.GetRecords(1, GeneratedChain.Length));

        // Both members sent blocks: the closing line counts the members that did.
        Assert.Contains(b.Output.Lines, line => line.StartsWith($"synced {GeneratedChain.Length:N0} blocks from 2 member(s)", StringComparison.Ordinal));
    }
}
