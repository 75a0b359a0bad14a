using Beamchain.Kernels.Cpu;
using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Search;

namespace Beamchain.Node.Devices;

/// <summary>The searchers a node mines with: one per device chosen by <c>--device</c>, the CPU limited by <c>--cpu-threads</c>.</summary>
public static class MiningDevices
{
    /// <summary>Opens the chosen devices; throws <see cref="ArgumentException"/> saying what is present when the choice cannot be met.</summary>
    public static IReadOnlyList<INonceSearcher> Open(string? device, int? cpuThreads)
    {
        if (!DeviceSelection.TryChoose(device, DeviceCatalog.Discover(), out var devices, out var error))
        {
            throw new ArgumentException(error);
        }

        var cpu = cpuThreads is { } threads ? CpuSearchOptions.Default.WithThreads(threads) : CpuSearchOptions.Default;
        return devices.Select(d => DeviceCatalog.Open(d, cpu)).ToArray();
    }
}
