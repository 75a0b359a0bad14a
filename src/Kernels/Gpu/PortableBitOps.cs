namespace Beamchain.Kernels.Gpu;

/// <summary>Plain C# bit operations, valid on every ILGPU accelerator (CUDA, OpenCL, CPU).</summary>
public readonly struct PortableBitOps : IBitOps
{
    // ILGPU has no rotate intrinsic; the backends see shift, shift, or.
    public uint RotateRight(uint x, int n) => (x >> n) | (x << (32 - n));

    public uint Choose(uint e, uint f, uint g) => g ^ (e & (f ^ g));

    public uint Majority(uint a, uint b, uint c) => (a & b) | (c & (a | b));

    public uint Xor3(uint a, uint b, uint c) => a ^ b ^ c;
}
