using Beamchain.Kernels.Cpu;
using Beamchain.Kernels.Gpu;
using Beamchain.Kernels.Search;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace Beamchain.Kernels.Devices;

/// <summary>
/// The devices this machine can hash on: the CPU always, plus every CUDA and OpenCL device that
/// ILGPU can drive (OpenCL needs 2.0 with generic address space, so e.g. PoCL's CPU device is
/// not one). <see cref="Open"/> turns an entry into a searcher.
/// </summary>
public sealed class DeviceCatalog
{
    public DeviceCatalog(IReadOnlyList<DeviceInfo> devices)
    {
        Devices = devices;
    }

    public IReadOnlyList<DeviceInfo> Devices { get; }

    /// <summary>Every GPU, except an OpenCL device from NVIDIA when CUDA devices exist (the same cards twice).</summary>
    public IReadOnlyList<DeviceInfo> DefaultGpus
    {
        get
        {
            var hasCuda = Devices.Any(d => d.Kind == DeviceKind.Cuda);
            return Devices
                .Where(d => d.IsGpu && !(hasCuda && d.Kind == DeviceKind.OpenCl && d.Vendor.Contains("NVIDIA", StringComparison.OrdinalIgnoreCase)))
                .ToArray();
        }
    }

    public IReadOnlyList<DeviceInfo> OfKind(DeviceKind kind) => Devices.Where(d => d.Kind == kind).ToArray();

    /// <summary>Looks for devices; takes a moment (ILGPU probes the CUDA and OpenCL drivers).</summary>
    public static DeviceCatalog Discover()
    {
        var devices = new List<DeviceInfo> { DescribeCpu() };
        using var context = Context.Create(builder => builder.Cuda().OpenCL());
        var cuda = context.GetCudaDevices();
        for (var i = 0; i < cuda.Count; i++)
        {
            devices.Add(new DeviceInfo(DeviceKind.Cuda, i, cuda[i].Name, cuda[i].NumMultiprocessors, cuda[i].WarpSize, "NVIDIA"));
        }

        var openCl = context.GetCLDevices();
        for (var i = 0; i < openCl.Count; i++)
        {
            devices.Add(new DeviceInfo(DeviceKind.OpenCl, i, openCl[i].Name, openCl[i].NumMultiprocessors, openCl[i].WarpSize, openCl[i].VendorName));
        }

        return new DeviceCatalog(devices);
    }

    /// <summary>The CPU as the CPU searcher will use it: all cores, its fastest instruction set.</summary>
    public static DeviceInfo DescribeCpu()
    {
        var options = CpuSearchOptions.Default;
        var name = CpuModelName() ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        return new DeviceInfo(DeviceKind.Cpu, 0, name, options.Threads, CpuSearcher.LaneWidth(options.InstructionSet), "");
    }

    /// <summary>A searcher for <paramref name="device"/>; the caller disposes it.</summary>
    public static INonceSearcher Open(DeviceInfo device, CpuSearchOptions? cpuOptions = null)
    {
        switch (device.Kind)
        {
            case DeviceKind.Cpu:
                return new CpuSearcher(cpuOptions ?? CpuSearchOptions.Default);
            case DeviceKind.Cuda:
            {
                var context = Context.Create(builder => builder.Cuda());
                var cuda = context.GetCudaDevices();
                return Open(context, device.Index < cuda.Count ? cuda[device.Index] : null, device);
            }

            case DeviceKind.OpenCl:
            {
                var context = Context.Create(builder => builder.OpenCL());
                var openCl = context.GetCLDevices();
                return Open(context, device.Index < openCl.Count ? openCl[device.Index] : null, device);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(device), device.Kind, "unknown device kind");
        }
    }

    private static IlgpuSearcher Open(Context context, Device? found, DeviceInfo device)
    {
        if (found is null)
        {
            context.Dispose();
            throw new InvalidOperationException($"{device.Id} ({device.Name}) is no longer present");
        }

        return new IlgpuSearcher(context, found, device.Kind);
    }

    private static string? CpuModelName()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return null;
        }

        var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }
}
