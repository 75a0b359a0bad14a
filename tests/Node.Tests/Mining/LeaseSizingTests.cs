using System.Numerics;
using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Beamchain.Node.Mining;

namespace Beamchain.Node.Tests.Mining;

[Collection(HashingTests.Collection)]
public class LeaseSizingTests
{
    private const int Slowdown = 8;
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_slow_miner_gets_proportionally_smaller_leases_and_the_block_lands_while_its_lease_is_open()
    {
        var dispenser = new Dispenser(TimeProvider.System);
        var link = new RecordingLink(dispenser);
        var fast = NewMiner(new TestSearcher("fast"), link);
        var slow = NewMiner(new TestSearcher("slow", Slowdown), link);
        link.Miners.AddRange([fast, slow]);

        // About a million expected hashes: a fraction of a second for the fast miner.
        var target = CompactTarget.FromBigInteger((BigInteger.One << 256) / (1 << 20));
        var template = new BlockHeader(BlockHeader.CurrentVersion, 1, Genesis.TimestampMs + 1, Genesis.Hash, BlockHeader.HashData("sizing"), CompactTarget.Encode(target), 0);
        dispenser.Start(Dispenser.CreateJob("job-1", template, CompactTarget.Decode(CompactTarget.Encode(target))));

        using var stop = new CancellationTokenSource();
        var loops = new[] { fast, slow }.Select(m => Task.Run(() => m.RunAsync(stop.Token))).ToArray();
        fast.OnJobAnnounced();
        slow.OnJobAnnounced();
        var solved = await link.Solved.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(10));

        // Calibration leases (the first of each) are the same size; the rest follow each miner's rate.
        var fastSized = link.LeasesOf("fast").Skip(1).ToList();
        var slowSized = link.LeasesOf("slow").Skip(1).ToList();
        Assert.True(fastSized.Count > 0 && slowSized.Count > 0, $"fast leases: {string.Join(",", link.LeasesOf("fast").Select(l => l.Count))}; slow: {string.Join(",", link.LeasesOf("slow").Select(l => l.Count))}; errors: {string.Join(" | ", Errors)}; loops: {string.Join(",", loops.Select(l => l.Status + " " + l.Exception?.GetBaseException().Message))}");
        // The latest leases follow the best rate estimates.
        var ratio = (double)fastSized[^1].Count / slowSized[^1].Count;
        Assert.True(ratio >= Slowdown / 3.0, $"a {Slowdown}x slower miner should get much smaller leases; fast/slow latest lease size ratio was {ratio:F2}; fast: {string.Join(",", fastSized.Select(l => l.Count))}; slow: {string.Join(",", slowSized.Select(l => l.Count))}");
        Assert.Contains(solved.OpenAtSolve, l => l.Miner == "slow");
        Assert.True(solved.Job.Header.Hash() <= target);
        Assert.Equal(0UL, solved.Job.Figures.Duplicated);
    }

    private static readonly System.Collections.Concurrent.ConcurrentQueue<string> Errors = new();

    private static Miner NewMiner(TestSearcher searcher, IDispenserLink link) =>
        new("node-a", searcher, link, new LeaseSizer(LeaseTime, 1024), TimeProvider.System, (_, _) => { }, Errors.Enqueue);
}
