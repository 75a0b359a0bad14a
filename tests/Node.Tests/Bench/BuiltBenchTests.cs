using System.Text.Json;
using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Search;

namespace Beamchain.Node.Tests.Bench;

/// <summary><c>beamchain bench</c> as a user (and ../shared/bench/cpu-vs-hashcat.sh) runs it.</summary>
public class BuiltBenchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Device_cuda_without_a_CUDA_device_exits_2_listing_the_devices_present()
    {
        var catalog = DeviceCatalog.Discover();
        var run = await BuiltNode.RunAsync(["bench", "--device", "cuda", "--duration", "200ms"], Timeout);
        if (catalog.OfKind(DeviceKind.Cuda).Count == 0)
        {
            Assert.Equal(2, run.Code);
            Assert.Contains("no CUDA device found", run.Error);
            Assert.Contains("Present: cpu ", run.Error);
        }
        else
        {
            // On a CUDA machine the same command must bench the card instead.
            Assert.True(run.Code == 0, run.Error);
            Assert.Contains("cuda:0 ", run.Output);
        }
    }

    [Fact]
    public async Task Json_output_ends_with_the_total_rate_that_the_hashcat_comparison_reads()
    {
        var run = await BuiltNode.RunAsync(["bench", "--device", "cpu", "--duration", "300ms", "--json"], Timeout);
        Assert.True(run.Code == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output.TrimEnd().Split('\n')[^1]);
        Assert.True(json.RootElement.GetProperty("hashesPerSecond").GetDouble() > 0);
    }
}
