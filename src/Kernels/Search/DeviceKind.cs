namespace Beamchain.Kernels.Search;

public enum DeviceKind
{
    Cpu,
    Cuda,
    OpenCl,
}
