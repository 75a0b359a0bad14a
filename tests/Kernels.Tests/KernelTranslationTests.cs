using System.Text.RegularExpressions;
using Beamchain.Kernels.Gpu;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace Beamchain.Kernels.Tests;

/// <summary>
/// No GPU here, so prove at least that ILGPU translates the search kernel for both GPU backends,
/// as it would when a device loads it: to PTX for an H100 (sm_90, PTX ISA 8.0) in both variants,
/// and to OpenCL C 2.0 in the portable one. The PTX is also read for what a GPU would execute.
/// </summary>
public class KernelTranslationTests
{
    // Per nonce: rounds 8..63 (two Σ of three rotates each, one Ch, one Maj) and 68 small σ
    // (two rotates each): σ0 for W22, W37 and W38..W63, σ1 for W24..W63. More would mean
    // constant work (rounds 0..7, W16..W21, the fixed parts of W22..W37) is back in the kernel.
    private const int Rounds = 56;
    private const int SmallSigmas = 28 + 40;
    private const int Rotates = (Rounds * 6) + (SmallSigmas * 2);
    private const int ThreeInputLogic = (Rounds * 2) + (Rounds * 2) + SmallSigmas;

    [Fact]
    public void The_CUDA_variant_rotates_with_funnel_shifts_and_combines_with_lop3()
    {
        var ptx = Ptx<CudaBitOps>();
        Assert.Equal(Rotates, Count(ptx, @"shf\.r\.wrap\.b32"));
        Assert.Equal(ThreeInputLogic, Count(ptx, @"lop3\.b32"));
        Assert.Equal(Rounds, Count(ptx, @"lop3\.b32[^;]*, 0xCA;"));
        Assert.Equal(Rounds, Count(ptx, @"lop3\.b32[^;]*, 0xE8;"));

        // Nothing is left of the shift-shift-or rotates or the two-input logic.
        Assert.Equal(0, Count(ptx, @"\b(shl|or|xor|and)\.b32"));
    }

    [Fact]
    public void The_portable_variant_has_no_inline_PTX()
    {
        var ptx = Ptx<PortableBitOps>();
        Assert.Equal(0, Count(ptx, @"shf\.|lop3\."));
        Assert.Equal(Rotates, Count(ptx, @"shl\.b32"));
    }

    [Theory]
    [InlineData(typeof(CudaBitOps))]
    [InlineData(typeof(PortableBitOps))]
    public void The_kernel_reads_no_memory_per_nonce(Type bitOps)
    {
        // The plan arrives as a kernel parameter (the constant bank); local slots are the inline
        // PTX's outputs. Global memory is written only for a qualifying nonce.
        var ptx = bitOps == typeof(CudaBitOps) ? Ptx<CudaBitOps>() : Ptx<PortableBitOps>();
        Assert.Equal(0, Count(ptx, @"\bld\.(?!param|local)"));
        Assert.Equal(1, Count(ptx, @"\batom\."));
    }

    [Fact]
    public void The_search_kernel_compiles_to_OpenCL_C()
    {
        using var context = Context.Create(builder => builder.OpenCL());
        using var backend = new CLBackend(context, new CLCapabilityContext(true, true, true, true, true), CLDeviceVendor.Other, CLCVersion.CL20);
        var kernel = (CLCompiledKernel)backend.Compile(SearchKernel(typeof(PortableBitOps)), KernelSpecialization.Empty);
        Assert.Contains("kernel void", kernel.Source);
        Assert.Contains("atomic", kernel.Source);
    }

    private static string Ptx<TBitOps>()
        where TBitOps : struct, IBitOps
    {
        using var context = Context.Create(builder => builder.Cuda());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, nvvmAPI: null);
        var ptx = ((PTXCompiledKernel)backend.Compile(SearchKernel(typeof(TBitOps)), KernelSpecialization.Empty)).PTXAssembly;
        // ILGPU 1.5.3 writes ".target sm_80" even for SM_90; the driver compiles that PTX for the
        // GPU it runs on, and shf/lop3 are the same instructions there.
        Assert.Contains(".target sm_", ptx);
        Assert.Contains(".entry", ptx);
        return ptx;
    }

    private static EntryPointDescription SearchKernel(Type bitOps) => EntryPointDescription.FromImplicitlyGroupedKernel(
        typeof(Sha256Kernel).GetMethod(nameof(Sha256Kernel.Search))!.MakeGenericMethod(bitOps));

    private static int Count(string ptx, string pattern) => Regex.Count(ptx, pattern);
}
