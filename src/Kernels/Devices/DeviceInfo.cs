using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Devices;

/// <summary>
/// One device that can hash. <paramref name="Index"/> counts devices of the same kind (the CPU is
/// always 0). <paramref name="ComputeUnits"/> is cores for the CPU and multiprocessors for a GPU;
/// <paramref name="LaneWidth"/> is the CPU searcher's SIMD lanes (nonces per instruction) or a
/// GPU's warp size. A GPU's <paramref name="Vendor"/> lets the default selection skip an
/// NVIDIA card's OpenCL face when CUDA already drives it.
/// </summary>
public sealed record DeviceInfo(DeviceKind Kind, int Index, string Name, int ComputeUnits, int LaneWidth, string Vendor)
{
    public bool IsGpu => Kind is DeviceKind.Cuda or DeviceKind.OpenCl;

    /// <summary>How the device is named on the command line and in output: <c>cpu</c>, <c>cuda:0</c>, <c>opencl:1</c>.</summary>
    public string Id => Kind == DeviceKind.Cpu ? "cpu" : $"{DeviceKinds.Name(Kind)}:{Index}";

    public override string ToString() => Kind == DeviceKind.Cpu
        ? $"{Id} {Name} ({ComputeUnits} cores, {LaneWidth} SIMD lanes)"
        : $"{Id} {Name} ({ComputeUnits} multiprocessors)";
}
