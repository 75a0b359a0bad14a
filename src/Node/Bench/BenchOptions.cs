using System.Globalization;
using Beamchain.Kernels.Cpu;
using Beamchain.Node.Devices;

namespace Beamchain.Node.Bench;

/// <summary>
/// <c>bench [--device …] [--seconds N] [--json] [--threads N] [--simd scalar|avx2|avx512vl|avx512]</c>.
/// <see cref="Threads"/> and <see cref="Simd"/> tune the CPU searcher (default: every core, the
/// fastest instruction set), so each CPU path can be measured.
/// </summary>
public sealed record BenchOptions(string? Device, double Seconds, bool Json, int? Threads, CpuInstructionSet? Simd)
{
    public const double DefaultSeconds = 5;

    public static BenchOptions Default { get; } = new(null, DefaultSeconds, false, null, null);

    public static string Usage =>
        "usage: beamchain bench [--device cpu|cuda|opencl[,…]] [--seconds N] [--json] [--threads N] [--simd scalar|avx2|avx512vl|avx512]\n"
        + $"  {DeviceSelection.Usage}\n"
        + $"  --seconds N   how long to hash on each device, all at once (default: {DefaultSeconds})\n"
        + "  --json        end with one JSON line: hashesPerSecond (total) and per-device figures\n"
        + "  --threads N   CPU worker threads (default: one per core)\n"
        + "  --simd S      CPU instruction set (default: the fastest supported)\n";

    public CpuSearchOptions CpuOptions
    {
        get
        {
            var options = CpuSearchOptions.Default;
            if (Threads is { } threads) options = options.WithThreads(threads);
            if (Simd is { } simd) options = options.WithInstructionSet(simd);
            return options;
        }
    }

    public static bool TryParse(IReadOnlyList<string> args, out BenchOptions options, out string error)
    {
        options = Default;
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--json")
            {
                options = options with { Json = true };
                continue;
            }

            if (name is not (DeviceSelection.OptionName or "--seconds" or "--threads" or "--simd"))
            {
                error = $"bench: unknown option '{name}'";
                return false;
            }

            if (i + 1 >= args.Count)
            {
                error = $"bench: {name} needs a value";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case DeviceSelection.OptionName:
                    options = options with { Device = value };
                    break;
                case "--seconds":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0) || seconds > 86_400)
                    {
                        error = $"bench: --seconds '{value}' is not a number of seconds between 0 and 86400";
                        return false;
                    }

                    options = options with { Seconds = seconds };
                    break;
                case "--threads":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var threads) || threads < 1)
                    {
                        error = $"bench: --threads '{value}' is not a positive whole number";
                        return false;
                    }

                    options = options with { Threads = threads };
                    break;
                default:
                    if (!Enum.TryParse<CpuInstructionSet>(value, ignoreCase: true, out var simd) || !Enum.IsDefined(simd))
                    {
                        error = $"bench: --simd '{value}' is not one of {string.Join(", ", Enum.GetNames<CpuInstructionSet>()).ToLowerInvariant()}";
                        return false;
                    }

                    if (!CpuSearcher.IsSupported(simd))
                    {
                        error = $"bench: this CPU does not support --simd {value}; it supports {string.Join(", ", CpuSearcher.SupportedInstructionSets).ToLowerInvariant()}";
                        return false;
                    }

                    options = options with { Simd = simd };
                    break;
            }
        }

        return true;
    }
}
