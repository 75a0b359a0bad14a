using System.Globalization;
using Beamchain.Node.Devices;

namespace Beamchain.Node.Worker;

/// <summary>
/// <c>beamchain worker --pool ws[s]://host:port/grid [--device cpu|cuda] [--token T] [--cpu-threads N] [--duty P] [--json]</c>:
/// a volunteer process, no cluster membership.
/// </summary>
public sealed record WorkerOptions(Uri? Pool, string? Device, string? Token, int? CpuThreads, double Duty, bool Json, bool ShowHelp)
{
    public static WorkerOptions Default { get; } = new(null, null, null, null, 1, false, false);

    public static string Usage =>
        "usage: beamchain worker --pool ws[s]://host:port/grid [options]   mine for a cluster through its gateway\n"
        + "  --pool URL        the gateway's grid endpoint, e.g. ws://127.0.0.1:4030/grid (wss:// for TLS)\n"
        + $"  {DeviceSelection.Usage}\n"
        + "  --token T         the token the gateway's operator gave (when it asks for one)\n"
        + "  --cpu-threads N   CPU threads to hash on (default: one per core)\n"
        + "  --duty P          hash P % of the time, resting the rest (default: 100), e.g. for a laptop on battery\n"
        + "  --json            print each report as one JSON line (rate, hashed, accepted, rejected) for programs\n";

    public static bool TryParse(IReadOnlyList<string> args, out WorkerOptions options, out string error)
    {
        options = Default;
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--json" or "--help")
            {
                options = name == "--json" ? options with { Json = true } : options with { ShowHelp = true };
                continue;
            }

            if (name is not ("--pool" or DeviceSelection.OptionName or "--token" or "--cpu-threads" or "--duty"))
            {
                error = $"worker: unknown option '{name}'";
                return false;
            }

            if (i + 1 >= args.Count)
            {
                error = $"worker: {name} needs a value";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--pool":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out var pool) || pool.Scheme is not ("ws" or "wss"))
                    {
                        error = $"worker: --pool takes a ws:// or wss:// address such as ws://127.0.0.1:4030/grid, got '{value}'";
                        return false;
                    }

                    options = options with { Pool = pool };
                    break;
                case DeviceSelection.OptionName:
                    if (!DeviceSelection.TryParse(value, out _, out var deviceError))
                    {
                        error = $"worker: {deviceError}";
                        return false;
                    }

                    options = options with { Device = value };
                    break;
                case "--token":
                    options = options with { Token = value };
                    break;
                case "--cpu-threads":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var threads) || threads < 1)
                    {
                        error = $"worker: --cpu-threads takes a positive whole number, got '{value}'";
                        return false;
                    }

                    options = options with { CpuThreads = threads };
                    break;
                case "--duty":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var duty) || !(duty > 0) || duty > 100)
                    {
                        error = $"worker: --duty takes a percentage above 0 and at most 100, got '{value}'";
                        return false;
                    }

                    options = options with { Duty = duty / 100 };
                    break;
            }
        }

        if (options.Pool is null && !options.ShowHelp)
        {
            error = "worker: --pool is required, e.g. --pool ws://127.0.0.1:4030/grid";
            return false;
        }

        return true;
    }
}
