using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Search;

namespace Beamchain.Node.Tests.Devices;

/// <summary><c>beamchain --device …</c> as a user starts it: absent hardware is a usage error that lists what is present.</summary>
public sealed class BuiltNodeDeviceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Device_cuda_without_a_CUDA_device_exits_2_listing_the_devices_present()
    {
        var run = await BuiltNode.RunAsync(["--device", "cuda", "--data-dir", _dir.Path], TimeSpan.FromSeconds(60));
        if (DeviceCatalog.Discover().OfKind(DeviceKind.Cuda).Count == 0)
        {
            Assert.Equal(2, run.Code);
            Assert.Contains("--device cuda: no CUDA device found", run.Error);
            Assert.Contains("Present: cpu ", run.Error);
            Assert.DoesNotContain("membership", run.Error); // refused before it looks for a cluster
            Assert.False(File.Exists(Path.Combine(_dir.Path, Beamchain.Node.Chain.ChainStore.FileName)), "no store opened");
        }
        else
        {
            // On a CUDA machine the node starts, finds its input already closed, and leaves.
            Assert.True(run.Code == 0, run.Error);
        }
    }
}
