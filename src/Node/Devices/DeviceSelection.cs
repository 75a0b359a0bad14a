using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Search;

namespace Beamchain.Node.Devices;

/// <summary>
/// The <c>--device cpu|cuda|opencl</c> option (a comma list such as <c>cuda,cpu</c> is allowed):
/// which kinds of hardware hash. Without the option a node uses every GPU found, else the CPU.
/// Asking for a kind that is not present is a usage error (exit code 2) whose message lists what
/// is present. A kind names all devices of that kind. <c>none</c> makes a node that stores,
/// serves and relays blocks but does not hash.
/// </summary>
public sealed class DeviceSelection
{
    public const string OptionName = "--device";

    /// <summary>Exit code for a bad <c>--device</c> value or absent hardware.</summary>
    public const int UsageExitCode = 2;

    public const string NoneName = "none";

    private DeviceSelection(IReadOnlyList<DeviceKind> kinds, bool none = false) => (Kinds, IsNone) = (kinds, none);

    /// <summary>Every GPU found, else the CPU.</summary>
    public static DeviceSelection Default { get; } = new([]);

    /// <summary><c>--device none</c>: no hashing at all.</summary>
    public static DeviceSelection None { get; } = new([], none: true);

    public bool IsNone { get; }

    /// <summary>The kinds asked for, in the order given; empty for <see cref="Default"/>.</summary>
    public IReadOnlyList<DeviceKind> Kinds { get; }

    public bool IsDefault => Kinds.Count == 0 && !IsNone;

    public static string Usage => $"{OptionName} cpu|cuda|opencl[,…]|none   hardware to hash on (default: every GPU found, else the CPU; none: do not hash)";

    /// <summary>Parses the option's value; null (option absent) is <see cref="Default"/>.</summary>
    public static bool TryParse(string? value, out DeviceSelection selection, out string error)
    {
        selection = Default;
        error = "";
        if (value is null)
        {
            return true;
        }

        if (value.Trim() == NoneName)
        {
            selection = None;
            return true;
        }

        var kinds = new List<DeviceKind>();
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!DeviceKinds.TryParse(item, out var kind))
            {
                var names = string.Join(", ", DeviceKinds.All.Select(DeviceKinds.Name));
                error = item.Length == 0 ? $"{OptionName} '{value}' has an empty item; give {names}, or a comma list such as cuda,cpu"
                    : item == NoneName ? $"{OptionName} {NoneName} stands alone (this node hashes on nothing); it cannot be listed with devices, got '{value}'"
                    : $"{OptionName}: unknown device kind '{item}'; give {names}, or a comma list such as cuda,cpu";
                return false;
            }

            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        selection = new DeviceSelection(kinds);
        return true;
    }

    /// <summary>The devices to hash on, or an error naming the missing kinds and listing what is present.</summary>
    public bool TryResolve(DeviceCatalog catalog, out IReadOnlyList<DeviceInfo> devices, out string error)
    {
        error = "";
        if (IsNone)
        {
            devices = [];
            return true;
        }

        if (IsDefault)
        {
            var gpus = catalog.DefaultGpus;
            devices = gpus.Count > 0 ? gpus : catalog.OfKind(DeviceKind.Cpu);
            return true;
        }

        var missing = Kinds.Where(kind => catalog.OfKind(kind).Count == 0).ToArray();
        if (missing.Length > 0)
        {
            devices = [];
            error = $"{OptionName} {string.Join(",", Kinds.Select(DeviceKinds.Name))}: no {string.Join(" or ", missing.Select(DisplayName))} device found. "
                + $"Present: {string.Join("; ", catalog.Devices)}. Choose from those with {OptionName}, or leave it out to use every GPU, else the CPU.";
            return false;
        }

        devices = Kinds.SelectMany(catalog.OfKind).ToArray();
        return true;
    }

    /// <summary>Parses and resolves in one step, for a command's start-up.</summary>
    public static bool TryChoose(string? value, DeviceCatalog catalog, out IReadOnlyList<DeviceInfo> devices, out string error)
    {
        devices = [];
        return TryParse(value, out var selection, out error) && selection.TryResolve(catalog, out devices, out error);
    }

    public override string ToString() => IsNone ? NoneName : IsDefault ? "default" : string.Join(",", Kinds.Select(DeviceKinds.Name));

    private static string DisplayName(DeviceKind kind) => kind switch
    {
        DeviceKind.Cuda => "CUDA",
        DeviceKind.OpenCl => "OpenCL",
        _ => "CPU",
    };
}
