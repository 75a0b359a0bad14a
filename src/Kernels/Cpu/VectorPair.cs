using System.Runtime.Intrinsics;

namespace Beamchain.Kernels.Cpu;

/// <summary>Two 256-bit vectors worked on side by side: sixteen lanes as two independent instruction streams.</summary>
internal struct VectorPair
{
    public Vector256<uint> Low;
    public Vector256<uint> High;

}
