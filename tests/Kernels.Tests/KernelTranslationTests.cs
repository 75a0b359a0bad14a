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
/// No GPU here, so prove at least that ILGPU translates the search kernel for both GPU backends:
/// to PTX for an H100 (sm_90, PTX ISA 8.0) and to OpenCL C 2.0, as it would when a device loads it.
/// </summary>
public class KernelTranslationTests
{
    private static readonly EntryPointDescription SearchKernel = EntryPointDescription.FromImplicitlyGroupedKernel(
        typeof(Sha256Kernel).GetMethod(nameof(Sha256Kernel.Search))!.MakeGenericMethod(typeof(PortableBitOps)));

    [Fact]
    public void The_search_kernel_compiles_to_PTX()
    {
        using var context = Context.Create(builder => builder.Cuda());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, nvvmAPI: null);
        var kernel = (PTXCompiledKernel)backend.Compile(SearchKernel, KernelSpecialization.Empty);
        Assert.Contains(".target sm_", kernel.PTXAssembly);
        Assert.Contains(".entry", kernel.PTXAssembly);
        Assert.Contains("atom", kernel.PTXAssembly);
    }

    [Fact]
    public void The_search_kernel_compiles_to_OpenCL_C()
    {
        using var context = Context.Create(builder => builder.OpenCL());
        using var backend = new CLBackend(context, new CLCapabilityContext(true, true, true, true, true), CLDeviceVendor.Other, CLCVersion.CL20);
        var kernel = (CLCompiledKernel)backend.Compile(SearchKernel, KernelSpecialization.Empty);
        Assert.Contains("kernel void", kernel.Source);
        Assert.Contains("atomic", kernel.Source);
    }
}
