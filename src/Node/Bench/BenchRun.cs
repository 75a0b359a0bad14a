using System.Diagnostics;
using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;

namespace Beamchain.Node.Bench;

/// <summary>
/// Hashes one fixed job on several devices at once for a set time and reports each rate. Each
/// device first warms up (JIT, kernel compilation, launch sizing) outside the measured time,
/// then all start together; each device searches its own disjoint range, cancelled at the end.
/// </summary>
public static class BenchRun
{
    /// <summary>The fixed job: the seed's genesis data and a Bitcoin-difficulty-1 target, so a find is rare.</summary>
    public static SearchJob Job { get; } = new(
        new BlockHeader(BlockHeader.CurrentVersion, 1, 1_508_004_991_000, Hash256.Zero, BlockHeader.HashData("Genesis block"), 0x1d00ffff, 0),
        CompactTarget.Decode(0x1d00ffff));

    public static BenchReport Measure(IReadOnlyList<(DeviceInfo Device, INonceSearcher Searcher)> devices, TimeSpan duration)
    {
        var warmUp = TimeSpan.FromSeconds(Math.Min(0.5, duration.TotalSeconds / 4));
        using var start = new Barrier(devices.Count);
        var rates = new DeviceRate[devices.Count];
        var cpuAtStart = TimeSpan.Zero;
        var threads = devices.Select((entry, i) => new Thread(() =>
        {
            // Disjoint ranges, far apart, each far longer than any bench can hash.
            var range = new NonceRange((ulong)(i + 1) << 56, 1UL << 55);
            using (var warm = new CancellationTokenSource(warmUp))
            {
                entry.Searcher.Search(Job, range, warm.Token);
            }

            start.SignalAndWait();
            if (i == 0)
            {
                cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            }

            using var stop = new CancellationTokenSource(duration);
            var clock = Stopwatch.StartNew();
            var result = entry.Searcher.Search(Job, new NonceRange(range.Start + (1UL << 54), 1UL << 54), stop.Token);
            var seconds = clock.Elapsed.TotalSeconds;
            rates[i] = new DeviceRate(entry.Device.Id, DeviceKinds.Name(entry.Device.Kind), entry.Device.Name, entry.Searcher.Name, result.Hashed, seconds);
        })
        {
            IsBackground = true,
            Name = $"bench {entry.Device.Id}",
        }).ToArray();

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
        return new BenchReport(duration.TotalSeconds, rates, cpuSeconds);
    }
}
