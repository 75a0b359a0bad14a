using Beamchain.Harness;
using Beamchain.Node.Shell;
using Beamchain.Node.Tests.Cluster;
using Beamchain.Node.Text;

namespace Beamchain.Node.Tests.Shell;

/// <summary><c>nodes</c> on two real nodes: each member by address with the name it gossiped, this one marked.</summary>
[Collection(HashingTests.Collection)]
public sealed class NodesCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Lists_every_member_with_its_name_and_marks_this_one()
    {
        await using var a = await TestNode.StartAsync("nodes-a", SeedMembership.First(), searchers: []);
        await using var b = await TestNode.StartAsync("nodes-b", SeedMembership.Joining(a.Node), searchers: []);
        var nodes = new NodesCommand(a.Node);
        var lines = Array.Empty<string>();

        // Names arrive with the gossip, within a round or two of joining.
        await Eventually.TrueAsync(
            async () =>
            {
                using var output = new StringWriter();
                Assert.Equal(CommandOutcome.Done, await nodes.RunAsync("", new ShellConsole(new SharedWriter(output), TestLog.To(new StringWriter())), CancellationToken.None));
                lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                return lines.Length == 2 && lines.All(l => l.Contains("  nodes-", StringComparison.Ordinal));
            },
            Timeout,
            () => $"both members named, got: {string.Join(" | ", lines)}");

        Assert.Contains($"* {a.Node.Address}  nodes-a", lines);
        Assert.Contains($"  {b.Node.Address}  nodes-b", lines);
    }
}
