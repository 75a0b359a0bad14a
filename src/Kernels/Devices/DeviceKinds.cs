using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Devices;

/// <summary>The command-line names of <see cref="DeviceKind"/>: <c>cpu</c>, <c>cuda</c>, <c>opencl</c>.</summary>
public static class DeviceKinds
{
    public static IReadOnlyList<DeviceKind> All { get; } = [DeviceKind.Cpu, DeviceKind.Cuda, DeviceKind.OpenCl];

    public static string Name(DeviceKind kind) => kind switch
    {
        DeviceKind.Cpu => "cpu",
        DeviceKind.Cuda => "cuda",
        DeviceKind.OpenCl => "opencl",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string text, out DeviceKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(text, Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
