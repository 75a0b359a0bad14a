using ILGPU.Runtime.Cuda;

namespace Beamchain.Kernels.Gpu;

/// <summary>
/// The SHA-256 bit operations as single PTX instructions for CUDA: a rotate is one funnel shift
/// (<c>shf.r.wrap.b32</c> of x:x) instead of shift, shift, or; Ch, Maj and the three-way XOR of
/// the Σ/σ functions are one <c>lop3.b32</c> each, whose immediate is the function's truth table
/// over the inputs' standard patterns (a = 0xF0, b = 0xCC, c = 0xAA). CUDA only: no other
/// backend compiles inline PTX (<see cref="CudaAsm.IsSupported"/>), so
/// <see cref="IlgpuSearcher.BitOpsFor"/> picks this for CUDA accelerators alone. There is no
/// fallback branch in here on purpose: it would leave a dead portable copy of every operation in
/// the PTX. Tests prove the instruction texts below equal <see cref="PortableBitOps"/>.
/// </summary>
public readonly struct CudaBitOps : IBitOps
{
    // The instruction texts are constants because ILGPU needs each CudaAsm.Emit string at compile
    // time. lop3's immediate is the truth table: Ch = (e ∧ f) ∨ (¬e ∧ g) = 0xCA, Maj = 0xE8, ⊕ = 0x96.
    internal const string RotateRightPtx = "shf.r.wrap.b32 %0, %1, %1, %2;";
    internal const string ChoosePtx = "lop3.b32 %0, %1, %2, %3, 0xCA;";
    internal const string MajorityPtx = "lop3.b32 %0, %1, %2, %3, 0xE8;";
    internal const string Xor3Ptx = "lop3.b32 %0, %1, %2, %3, 0x96;";

    public uint RotateRight(uint x, int n)
    {
        CudaAsm.Emit(RotateRightPtx, out uint rotated, x, (uint)n);
        return rotated;
    }

    public uint Choose(uint e, uint f, uint g)
    {
        CudaAsm.Emit(ChoosePtx, out uint chosen, e, f, g);
        return chosen;
    }

    public uint Majority(uint a, uint b, uint c)
    {
        CudaAsm.Emit(MajorityPtx, out uint majority, a, b, c);
        return majority;
    }

    public uint Xor3(uint a, uint b, uint c)
    {
        CudaAsm.Emit(Xor3Ptx, out uint xor, a, b, c);
        return xor;
    }
}
