using Beamchain.Kernels.Cpu;
using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Tests;

public class DeviceCatalogTests
{
    [Fact]
    public void Lists_the_CPU_with_its_cores_and_SIMD_lanes()
    {
        var cpu = Assert.Single(DeviceCatalog.Discover().OfKind(DeviceKind.Cpu));
        Assert.Equal(Environment.ProcessorCount, cpu.ComputeUnits);
        Assert.Equal(CpuSearcher.LaneWidth(CpuSearcher.BestInstructionSet), cpu.LaneWidth);
        Assert.False(string.IsNullOrWhiteSpace(cpu.Name));
        Assert.Equal("cpu", cpu.Id);
    }

    [Fact]
    public void Defaults_to_every_GPU_but_an_NVIDIA_cards_OpenCL_twin_of_a_CUDA_device()
    {
        var catalog = new DeviceCatalog(
        [
            new DeviceInfo(DeviceKind.Cpu, 0, "cpu", 2, 8, ""),
            new DeviceInfo(DeviceKind.Cuda, 0, "H100", 132, 32, "NVIDIA"),
            new DeviceInfo(DeviceKind.OpenCl, 0, "H100", 132, 32, "NVIDIA Corporation"),
            new DeviceInfo(DeviceKind.OpenCl, 1, "Radeon", 60, 64, "Advanced Micro Devices, Inc."),
        ]);
        Assert.Equal(["cuda:0", "opencl:1"], catalog.DefaultGpus.Select(d => d.Id));
    }

    [Fact]
    public void Opens_a_CPU_searcher_for_the_CPU()
    {
        using var searcher = DeviceCatalog.Open(DeviceCatalog.DescribeCpu());
        Assert.Equal(DeviceKind.Cpu, searcher.Kind);
        Assert.IsType<CpuSearcher>(searcher);
    }
}
