using System.Net.WebSockets;
using Beamchain.Harness;
using Beamchain.Kernels.Cpu;
using Beamchain.Node.Chain;
using Beamchain.Node.Tests.Cluster;
using Beamchain.Node.Worker;

namespace Beamchain.Node.Tests.Grid;

/// <summary>A worker's session against a real gateway, in this process: what it finds is what the gateway hears.</summary>
[Collection(HashingTests.Collection)]
public class WorkerSessionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Every_share_the_worker_finds_is_submitted_also_those_found_beside_a_block()
    {
        // Shares every 20 ms and 24-bit blocks: the slice that finds a block usually holds shares too.
        var settings = GridNode.Settings with { ShareInterval = TimeSpan.FromMilliseconds(20), InitialRate = 2e6, MessagesPerSecond = 500, MessageBurst = 1000 };
        await using var grid = await GridNode.StartAsync("worker-shares", _ => settings, ChainRules.Default with { MinimumBits = 0x1e00ffff, MaxTargetFactor = 1024 });
        using var searcher = new CountingSearcher(new CpuSearcher(CpuSearchOptions.Default.WithThreads(1)));
        var tally = new WorkerTally();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(grid.Address, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var session = new WorkerSession(socket, searcher, tally, duty: 1, TimeProvider.System, _ => { });
        var running = session.RunAsync(token: null, stop.Token);
        try
        {
            await Eventually.TrueAsync(() => session.Session is not null, Timeout, "the worker's session");
            const int Blocks = 4;
            for (var i = 0; i < Blocks; i++)
            {
                await grid.MineAsync($"shares {i}");
            }

            await Eventually.TrueAsync(() => grid.Node.Node.Chain.Height >= Blocks, Timeout, "the blocks mined");

            // No job runs now: every share found has been sent, and each gets an answer.
            WorkerReport Report() => tally.Report(TimeProvider.System.GetTimestamp(), TimeProvider.System);
            await Eventually.TrueAsync(
                () => Report() is var r && r.Accepted + r.Rejected == (ulong)searcher.Found,
                TimeSpan.FromSeconds(30),
                () => $"every found share answered: found {searcher.Found}, accepted {Report().Accepted}, refused {Report().Rejected}; "
                    + $"the gateway refused by reason: {string.Join(", ", grid.Status.Rejected.Select(p => $"{p.Key} {p.Value}"))}");
            Assert.True(Report().Blocks >= 1);
            var client = Assert.Single(grid.Status.Clients);
            Assert.Equal(Report().Accepted, client.Accepted);
            Assert.Equal(0UL, grid.Status.Rejected.Where(p => p.Key != "stale").Aggregate(0UL, (sum, p) => sum + p.Value));
        }
        finally
        {
            await stop.CancelAsync();
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
