using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Secret;
using Proto;
using Proto.Cluster;

namespace Beamchain.Node.Tests.Cluster;

/// <summary>Real nodes on 127.0.0.1 with a cluster secret: members that share it mine together; others are refused and logged.</summary>
[Collection(HashingTests.Collection)]
public class ClusterSecretTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly ClusterCookie Cookie = CookieOf("correct horse battery staple");

    [Fact]
    public async Task Two_nodes_sharing_a_cookie_form_a_cluster_and_mine_together()
    {
        await using var a = await TestNode.StartAsync("node-a", SeedMembership.First(), cookie: Cookie);
        await using var b = await TestNode.StartAsync("node-b", SeedMembership.Joining(a.Node), cookie: CookieOf("correct horse battery staple"));
        TestNode[] nodes = [a, b];
        await Eventually.TrueAsync(() => nodes.All(n => n.Node.Members.Count == 2), Timeout, "both nodes see two members");

        await ClusterProof.MineAndAgreeAsync(nodes, b, Timeout);
        Assert.DoesNotContain(nodes.SelectMany(n => n.Output.Lines), l => l.StartsWith("cluster secret: refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_with_a_wrong_cookie_can_neither_join_nor_submit_and_is_logged() =>
        await AssertRefusedAsync(CookieOf("another secret"), "its proof does not match this node's cluster secret");

    [Fact]
    public async Task A_node_without_a_cookie_can_neither_join_nor_submit_and_is_logged() =>
        await AssertRefusedAsync(null, "it sent no cluster secret");

    private static async Task AssertRefusedAsync(ClusterCookie? intruderCookie, string loggedReason)
    {
        await using var a = await TestNode.StartAsync("node-a", SeedMembership.First(), cookie: Cookie);
        await using var b = await TestNode.StartAsync("node-b", SeedMembership.Joining(a.Node), cookie: Cookie);
        await Eventually.TrueAsync(() => a.Node.Members.Count == 2 && b.Node.Members.Count == 2, Timeout, "the members see each other");

        await using var intruder = await TestNode.StartAsync("intruder", SeedMembership.Joining(a.Node), cookie: intruderCookie);
        await Eventually.TrueAsync(
            () => a.Output.Lines.Any(l => l.StartsWith("cluster secret: refused connection from 127.0.0.1:", StringComparison.Ordinal) && l.Contains(loggedReason, StringComparison.Ordinal)),
            Timeout,
            $"the seed logs the refusal ({loggedReason})");

        // A request straight to the chain grain's process, bypassing membership, is refused too.
        var chainGrain = await a.Node.Cluster.GetAsync(ClusterIdentity.Create(ChainGrain.Identity, ChainGrain.Kind), CancellationToken.None);
        Assert.NotNull(chainGrain);
        var request = new MineRequest { RequestId = "intruder/1", Data = "let me in" };
        var refused = await Record.ExceptionAsync(() => intruder.Node.Cluster.System.Root.RequestAsync<MineAccepted>(chainGrain, request, TimeSpan.FromSeconds(2)));
        Assert.True(refused is TimeoutException or DeadLetterException, $"the request fails (got {refused?.GetType().Name ?? "an answer"})");

        var status = await a.Node.StatusAsync();
        Assert.NotNull(status.Chain);
        Assert.DoesNotContain(status.Chain.Pending, p => p.RequestId == request.RequestId);
        Assert.Equal(0UL, a.Node.Chain.Height);
        foreach (var member in new[] { a, b })
        {
            Assert.Equal(new[] { a.Node.Address, b.Node.Address }.Order(StringComparer.Ordinal), member.Node.Members);
        }

        Assert.DoesNotContain(a.Node.Address, intruder.Node.Members);
    }

    private static ClusterCookie CookieOf(string text) =>
        ClusterCookie.TryCreate(text, out var cookie, out var error) ? cookie : throw new ArgumentException(error);
}
