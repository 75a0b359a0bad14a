namespace Beamchain.Kernels.Gpu;

/// <summary>
/// The bit operations of SHA-256 that a GPU backend may do in one instruction (a funnel-shift
/// rotate, a three-input LOP3). <see cref="Sha256Kernel"/> is generic over this so a backend
/// specialisation (<see cref="CudaBitOps"/>: inline PTX) can replace <see cref="PortableBitOps"/>
/// without touching the kernel. Implementations are empty structs: ILGPU resolves the calls statically.
/// </summary>
public interface IBitOps
{
    uint RotateRight(uint x, int n);

    uint Choose(uint e, uint f, uint g);

    uint Majority(uint a, uint b, uint c);

    /// <summary>a ^ b ^ c: the combining step of Σ0, Σ1, σ0 and σ1.</summary>
    uint Xor3(uint a, uint b, uint c);
}
