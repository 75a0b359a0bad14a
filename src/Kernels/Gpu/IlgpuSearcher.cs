using System.Diagnostics;
using Beamchain.Kernels.Search;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace Beamchain.Kernels.Gpu;

/// <summary>
/// Searches with <see cref="Sha256Kernel"/> on one ILGPU accelerator (CUDA, OpenCL, or ILGPU's
/// CPU accelerator in tests). A range is cut into launches sized from the measured rate to take
/// about <see cref="LaunchTarget"/>, so cancellation (checked between launches) is prompt and the
/// device is never starved by launch overhead. Per launch only the plan's constants (a kernel
/// parameter), a zeroed count and the 17-word result buffer cross the bus. On CUDA the kernel
/// is the <see cref="CudaBitOps"/> variant (funnel shifts and LOP3 as inline PTX); every other
/// accelerator runs the <see cref="PortableBitOps"/> one.
/// </summary>
public sealed class IlgpuSearcher : INonceSearcher
{
    /// <summary>How long one launch should take: short enough to cancel promptly.</summary>
    public static readonly TimeSpan LaunchTarget = TimeSpan.FromMilliseconds(50);

    private const int NoncesPerThread = 64;
    private const ulong MaxLaunch = 1UL << 31;

    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly MemoryBuffer1D<uint, Stride1D.Dense> _found;
    private readonly Action<Index1D, KernelConstants, uint, uint, int, ArrayView<uint>> _kernel;
    private readonly uint[] _foundHost = new uint[Sha256Kernel.FoundLength];
    private ulong _launchNonces;

    /// <summary>Takes ownership of <paramref name="context"/> and creates an accelerator on <paramref name="device"/>.</summary>
    public IlgpuSearcher(Context context, Device device, DeviceKind kind)
    {
        BitOps = BitOpsFor(device.AcceleratorType);
        _context = context;
        Kind = kind;
        Name = device.Name;
        try
        {
            _accelerator = device.CreateAccelerator(context);
            _found = _accelerator.Allocate1D<uint>(Sha256Kernel.FoundLength);
            _kernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, KernelConstants, uint, uint, int, ArrayView<uint>>(
                BitOps == typeof(CudaBitOps) ? Sha256Kernel.Search<CudaBitOps> : Sha256Kernel.Search<PortableBitOps>);
        }
        catch
        {
            _accelerator?.Dispose();
            context.Dispose();
            throw;
        }

        // The first launch keeps every hardware thread busy briefly; later ones follow the measured rate.
        _launchNonces = (ulong)Math.Max(1, _accelerator.MaxNumThreads) * NoncesPerThread;
    }

    public string Name { get; }

    public DeviceKind Kind { get; }

    /// <summary>The <see cref="IBitOps"/> the kernel was compiled with.</summary>
    public Type BitOps { get; }

    /// <summary>Inline PTX only where the CUDA backend compiles it; the plain operations elsewhere.</summary>
    public static Type BitOpsFor(AcceleratorType accelerator) =>
        accelerator == AcceleratorType.Cuda ? typeof(CudaBitOps) : typeof(PortableBitOps);

    /// <summary>ILGPU's CPU accelerator: runs the same kernel on the host, for tests.</summary>
    public static IlgpuSearcher OpenCpuAccelerator()
    {
        var context = Context.Create(builder => builder.CPU());
        return new IlgpuSearcher(context, context.GetPreferredDevice(preferCPU: true), DeviceKind.Cpu);
    }

    public SearchResult Search(SearchJob job, NonceRange range, CancellationToken cancellationToken)
    {
        range.EnsureValid();
        var midstate = new JobMidstate(job);
        var found = new List<ulong>();
        ulong hashed = 0;
        foreach (var piece in range.SplitAtHighWords())
        {
            var high = (uint)(piece.Start >> 32);
            var plan = KernelConstants.From(midstate.ForHighWord(high));
            ulong done = 0;
            while (done < piece.Count)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return Result(hashed, found);
                }

                var count = Math.Min(piece.Count - done, _launchNonces);
                Launch(plan, high, (uint)(piece.Start + done), count, found);
                done += count;
                hashed += count;
            }
        }

        return Result(hashed, found);
    }

    public void Dispose()
    {
        _found.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }

    private void Launch(KernelConstants plan, uint high, uint firstLow, ulong count, List<ulong> found)
    {
        var stopwatch = Stopwatch.StartNew();
        _found.MemSetToZero();
        var threads = (int)((count + NoncesPerThread - 1) / NoncesPerThread);
        _kernel(threads, plan, firstLow, (uint)count, NoncesPerThread, _found.View);
        _found.View.CopyToCPU(_foundHost);
        var stored = Math.Min((int)_foundHost[0], SearchResult.MaxFound);
        for (var i = 0; i < stored; i++)
        {
            found.Add(((ulong)high << 32) | _foundHost[1 + i]);
        }

        // Steer the next launch toward the target duration, at most doubling at a time. A short
        // launch (the end of a range) says little about the rate, so it leaves the size alone.
        if (count >= _launchNonces)
        {
            var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-4);
            var next = Math.Min(count / seconds * LaunchTarget.TotalSeconds, 2.0 * count);
            _launchNonces = (ulong)Math.Clamp(next, NoncesPerThread, MaxLaunch);
        }
    }

    private static SearchResult Result(ulong hashed, List<ulong> found) =>
        new(hashed, found.Distinct().Order().Take(SearchResult.MaxFound).ToArray());
}
