using System.Numerics;
using Beamchain.Kernels.Gpu;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;
using Beamchain.Node.Chain;
using Beamchain.Node.Mining;

namespace Beamchain.Node.Tests.Mining;

/// <summary>
/// The path a node started with <c>--device cuda</c> takes, minus the GPU: a miner driving an
/// <see cref="IlgpuSearcher"/> (here on ILGPU's CPU accelerator, the same kernel) solves a job and
/// reports the device by name for <c>status</c>.
/// </summary>
[Collection(HashingTests.Collection)]
public class IlgpuMinerTests
{
    [Fact]
    public async Task A_miner_on_an_ILGPU_accelerator_solves_the_job_and_reports_its_device()
    {
        var dispenser = new Dispenser(TimeProvider.System);
        var link = new RecordingLink(dispenser);
        using var searcher = IlgpuSearcher.OpenCpuAccelerator();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var miner = new Miner("node-a", searcher, link, new LeaseSizer(TimeSpan.FromMilliseconds(100), 1024), TimeProvider.System, (_, _) => { }, errors.Enqueue);
        link.Miners.Add(miner);

        // About 4096 expected hashes: quick even for the CPU accelerator.
        var target = CompactTarget.FromBigInteger((BigInteger.One << 256) / (1 << 12));
        var template = new BlockHeader(BlockHeader.CurrentVersion, 1, Genesis.TimestampMs + 1, Genesis.Hash, BlockHeader.HashData("ilgpu"), CompactTarget.Encode(target), 0);
        dispenser.Start(Dispenser.CreateJob("job-1", template, CompactTarget.Decode(CompactTarget.Encode(target))));

        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => miner.RunAsync(stop.Token));
        miner.OnJobAnnounced();
        var solved = await link.Solved.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(solved.Job.Header.Hash() <= target, string.Join(" | ", errors));
        var snapshot = miner.Snapshot();
        Assert.Equal(searcher.Name, snapshot.Name);
        Assert.Equal(DeviceKind.Cpu, snapshot.Kind);
        Assert.True(snapshot.Hashed > 0);
    }
}
