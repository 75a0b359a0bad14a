using System.Diagnostics;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Mining;
using Beamchain.Node.Tests.Cluster;
using Beamchain.Node.Tests.Mining;
using Proto.Cluster.Seed;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Faults;

/// <summary>
/// A node leaving gracefully (what <c>exit</c>, Ctrl-C and SIGTERM do) hands back its open
/// leases, the prefetched one included, and the dispenser issues them again to the next
/// asker instead of waiting for them to expire. The miners never report a solution, so the
/// job is still open whenever the test looks.
/// </summary>
[Collection(HashingTests.Collection)]
public class GracefulLeaveTests(ITestOutputHelper log)
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_leaving_nodes_ranges_are_issued_again_before_they_could_expire()
    {
        await using var a = await TestNode.StartAsync("node-a", new ClusterMembership(ClusterMode.Single, FixedServerSeedNode.StartSeedNode(), "seed"), LeaseTime, [new BlindSearcher("cpu0")]);
        var (host, port) = SplitAddress(a.Node.Address);
        await using var b = await TestNode.StartAsync("node-b", new ClusterMembership(ClusterMode.Seed, FixedServerSeedNode.JoinSeedNode(host, port), "seed"), LeaseTime, [new BlindSearcher("cpu0")]);
        await using var c = await TestNode.StartAsync("node-c", new ClusterMembership(ClusterMode.Seed, FixedServerSeedNode.JoinSeedNode(host, port), "seed"), LeaseTime, [new BlindSearcher("cpu0")]);
        TestNode[] nodes = [a, b, c];
        await Eventually.TrueAsync(() => nodes.All(n => n.Node.Members.Count == 3), Timeout, "every node sees three members");
        Assert.Equal("", (await a.Node.MineAsync("never found")).Error);

        // The leaver hosts neither grain (moving them is tested elsewhere) and holds a lease.
        TestNode? leaver = null;
        string? dispenserHost = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var status = await a.Node.StatusAsync();
                dispenserHost = status.Job?.Host;
                leaver = nodes.FirstOrDefault(n => n.Node.Address != dispenserHost && n.Node.Address != status.Chain?.Host
                    && status.Job!.OpenByNode.Any(o => o.Node == n.Node.Name) && n.Node.Miners.Single().Rate > 0);
                return leaver is not null;
            },
            Timeout,
            "a node hosting neither grain holding a lease");
        var dispenser = nodes.Single(n => n.Node.Address == dispenserHost);
        var jobId = (await a.Node.StatusAsync()).Job?.JobId;
        var reissuedLine = $"from {leaver!.Node.Name}'s handed back lease";

        var leaving = Stopwatch.GetTimestamp();
        await leaver.Node.ShutdownAsync();
        TimeSpan elapsed;
        try
        {
            await Eventually.TrueAsync(() => dispenser.Output.Lines.Any(l => l.Contains(reissuedLine, StringComparison.Ordinal)), Timeout, "the handed-back range issued again");
            elapsed = Stopwatch.GetElapsedTime(leaving);
        }
        finally
        {
            var now = (await dispenser.Node.StatusAsync()).Job;
            log.WriteLine($"job when {leaver.Node.Name} began leaving: {jobId}; now: {now?.JobId} on {now?.Host}");
            foreach (var node in nodes)
            {
                log.WriteLine($"--- {node.Node.Name}{(node == leaver ? " (leaving)" : "")}{(node == dispenser ? " (dispenser)" : "")}:");
                foreach (var line in node.Output.Lines.Where(l => !l.EndsWith(" nonces processed", StringComparison.Ordinal)))
                {
                    log.WriteLine(line);
                }
            }
        }

        log.WriteLine($"{leaver.Node.Name} left; its range was issued again {elapsed.TotalMilliseconds:F0} ms after it began leaving (a lease expires after {LeaseBook.ExpiryFactor * LeaseTime.TotalSeconds:F0} s)");

        // The range went back as handed back, not as expired: the dispenser had it before expiry. How soon
        // the next miner takes it is timing (on a loaded machine expired ranges below it go first), logged above.
        var after = await dispenser.Node.StatusAsync();
        Assert.DoesNotContain(after.Job!.OpenByNode, o => o.Node == leaver.Node.Name);
        Assert.DoesNotContain(dispenser.Output.Lines, l => l.Contains($"from {leaver.Node.Name}'s expired lease", StringComparison.Ordinal));
    }

    private static (string Host, int Port) SplitAddress(string address)
    {
        var colon = address.LastIndexOf(':');
        return (address[..colon], int.Parse(address[(colon + 1)..]));
    }
}
