using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Search;
using Beamchain.Node.Devices;

namespace Beamchain.Node.Tests.Devices;

public class DeviceSelectionTests
{
    private static readonly DeviceInfo Cpu = new(DeviceKind.Cpu, 0, "AMD EPYC", 2, 16, "");
    private static readonly DeviceInfo Cuda0 = new(DeviceKind.Cuda, 0, "NVIDIA H100 80GB HBM3", 132, 32, "NVIDIA");
    private static readonly DeviceInfo OpenCl0 = new(DeviceKind.OpenCl, 0, "gfx1100", 48, 32, "Advanced Micro Devices, Inc.");
    private static readonly DeviceInfo OpenCl1 = new(DeviceKind.OpenCl, 1, "gfx1030", 40, 32, "Advanced Micro Devices, Inc.");

    [Theory]
    [InlineData("cpu", new[] { DeviceKind.Cpu })]
    [InlineData("cuda,cpu", new[] { DeviceKind.Cuda, DeviceKind.Cpu })]
    [InlineData(" OpenCL , cuda ", new[] { DeviceKind.OpenCl, DeviceKind.Cuda })]
    [InlineData("cpu,cpu", new[] { DeviceKind.Cpu })]
    public void Parses_kinds_and_comma_lists_in_the_order_given(string value, DeviceKind[] expected)
    {
        Assert.True(DeviceSelection.TryParse(value, out var selection, out var error), error);
        Assert.Equal(expected, selection.Kinds);
    }

    [Fact]
    public void None_chooses_no_device_even_when_some_are_present()
    {
        Assert.True(DeviceSelection.TryChoose("none", new DeviceCatalog([Cpu, Cuda0]), out var devices, out var error), error);
        Assert.Empty(devices);
    }

    [Fact]
    public void No_option_means_the_default()
    {
        Assert.True(DeviceSelection.TryParse(null, out var selection, out _));
        Assert.True(selection.IsDefault);
    }

    [Theory]
    [InlineData("none,cpu")]
    [InlineData("cuda, none")]
    public void None_cannot_be_listed_with_devices(string value)
    {
        Assert.False(DeviceSelection.TryParse(value, out _, out var error));
        Assert.Equal($"--device none stands alone (this node hashes on nothing); it cannot be listed with devices, got '{value}'", error);
    }

    [Theory]
    [InlineData("gpu", "unknown device kind 'gpu'")]
    [InlineData("cuda,", "empty item")]
    [InlineData("", "empty item")]
    public void Rejects_unknown_kinds_and_empty_items_naming_the_valid_ones(string value, string expected)
    {
        Assert.False(DeviceSelection.TryParse(value, out _, out var error));
        Assert.Contains(expected, error);
        Assert.Contains("cpu, cuda, opencl", error);
    }

    [Fact]
    public void Default_is_every_GPU_found()
    {
        Assert.True(DeviceSelection.Default.TryResolve(new DeviceCatalog([Cpu, Cuda0, OpenCl0]), out var devices, out _));
        Assert.Equal([Cuda0, OpenCl0], devices);
    }

    [Fact]
    public void Default_is_the_CPU_when_no_GPU_is_found()
    {
        Assert.True(DeviceSelection.Default.TryResolve(new DeviceCatalog([Cpu]), out var devices, out _));
        Assert.Equal([Cpu], devices);
    }

    [Fact]
    public void A_kind_names_every_device_of_that_kind_in_the_order_asked()
    {
        Assert.True(DeviceSelection.TryChoose("opencl,cpu", new DeviceCatalog([Cpu, OpenCl0, OpenCl1]), out var devices, out var error), error);
        Assert.Equal([OpenCl0, OpenCl1, Cpu], devices);
    }

    [Fact]
    public void An_absent_kind_is_an_error_that_lists_what_is_present()
    {
        Assert.False(DeviceSelection.TryChoose("cuda", new DeviceCatalog([Cpu, OpenCl0]), out var devices, out var error));
        Assert.Empty(devices);
        Assert.Contains("no CUDA device found", error);
        Assert.Contains("cpu AMD EPYC (2 cores, 16 SIMD lanes)", error);
        Assert.Contains("opencl:0 gfx1100", error);
    }

    [Fact]
    public void Every_absent_kind_is_named()
    {
        Assert.False(DeviceSelection.TryChoose("cuda,opencl,cpu", new DeviceCatalog([Cpu]), out _, out var error));
        Assert.Contains("no CUDA or OpenCL device found", error);
    }
}
