using System.CommandLine;
using Beamchain.CommandLine;
using Beamchain.Kernels.Cpu;
using Beamchain.Node.Devices;

namespace Beamchain.Node.Bench;

/// <summary><c>beamchain bench [--device …] [--duration D] [--json] [--cpu-threads N] [--simd …]</c>, read into <see cref="BenchOptions"/>.</summary>
public sealed class BenchCommandLine
{
    private readonly Option<string?> _device = DeviceOption.Create("hardware to measure (default: every GPU found, else the CPU)");

    private readonly Option<TimeSpan> _duration = OptionValues.Read("--duration", "duration",
        $"how long to hash on each device, all at once, e.g. {Duration.Examples} (default: 5s; at most 24h)",
        (string text, out TimeSpan duration, out string error) =>
        {
            var ok = OptionValues.Duration("--duration")(text, out duration, out error) && duration <= TimeSpan.FromDays(1);
            error = ok ? "" : $"--duration needs a positive duration of at most 24h such as {Duration.Examples}, got '{text}'";
            return ok;
        });

    private readonly Option<bool> _json = OptionValues.Flag("--json", "end with one JSON line: hashesPerSecond (total) and per-device figures");

    private readonly Option<int?> _cpuThreads = OptionValues.Read<int?>(CpuThreadLimit.OptionName, "n", "CPU threads to hash on (default: one per core)", CpuThreadLimit.Read);

    private readonly Option<CpuInstructionSet?> _simd = OptionValues.Read<CpuInstructionSet?>("--simd", "scalar|avx2|avx512vl|avx512",
        "the CPU instruction set (default: the fastest this CPU supports)",
        (string text, out CpuInstructionSet? simd, out string error) =>
        {
            simd = null;
            if (!OptionValues.OneOf<CpuInstructionSet>("--simd")(text, out var set, out error))
            {
                return false;
            }

            if (!CpuSearcher.IsSupported(set))
            {
                error = $"this CPU does not support --simd {text}; it supports {string.Join(", ", CpuSearcher.SupportedInstructionSets).ToLowerInvariant()}";
                return false;
            }

            simd = set;
            return true;
        });

    public IReadOnlyList<Option> All => [_device, _duration, _json, _cpuThreads, _simd];

    /// <summary>The <c>bench</c> subcommand; it measures with the devices <paramref name="discover"/> finds.</summary>
    public Command Create(Func<Kernels.Devices.DeviceCatalog> discover)
    {
        var command = new Command("bench", "measure the hash rate of this machine's devices");
        foreach (var option in All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parsed => BenchCommand.Run(Read(parsed), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, discover));
        return command;
    }

    public BenchOptions Read(ParseResult parsed) =>
        new(parsed.GetValue(_device), parsed.ValueOr(_duration, BenchOptions.DefaultDuration), parsed.GetValue(_json), parsed.GetValue(_cpuThreads), parsed.GetValue(_simd));
}
