using System.CommandLine;
using Beamchain.CommandLine;

namespace Beamchain.Node.Devices;

/// <summary><c>--device cpu|cuda|opencl[,…]|none</c> for every command that hashes; the value is checked by <see cref="DeviceSelection"/>.</summary>
public static class DeviceOption
{
    public static Option<string?> Create(string description) => OptionValues.Read<string?>(DeviceSelection.OptionName, "cpu|cuda|opencl[,...]|none", description,
        (string text, out string? device, out string error) =>
        {
            var ok = DeviceSelection.TryParse(text, out _, out error);
            device = ok ? text : null;
            return ok;
        });
}
