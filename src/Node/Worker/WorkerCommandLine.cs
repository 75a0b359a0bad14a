using System.CommandLine;
using System.Globalization;
using Beamchain.CommandLine;
using Beamchain.Node.Devices;
using Beamchain.Node.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beamchain.Node.Worker;

/// <summary>
/// <c>beamchain worker --pool ws[s]://host:port/grid [--device …] [--token T] [--cpu-threads N] [--duty P] [--json] [--log-level L]</c>,
/// read into <see cref="WorkerOptions"/>.
/// </summary>
public sealed class WorkerCommandLine
{
    private readonly Option<Uri> _pool = new Option<Uri>("--pool")
    {
        HelpName = "ws[s]://host:port/grid",
        Description = "the gateway's grid endpoint, e.g. ws://127.0.0.1:4030/grid (wss:// for TLS)",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var pool) && pool.Scheme is "ws" or "wss")
            {
                return pool;
            }

            result.AddError($"--pool takes a ws:// or wss:// address such as ws://127.0.0.1:4030/grid, got '{text}'");
            return null;
        },
    };

    private readonly Option<string?> _device = DeviceOption.Create("hardware to hash on; the first chosen is used (default: a GPU if there is one, else the CPU)");

    private readonly Option<string?> _token = OptionValues.Read<string?>("--token", "token", "the token the gateway's operator gave (when it asks for one)",
        (string text, out string? token, out string error) =>
        {
            // The gateway takes tokens of 1 to 256 characters (--grid-token); an empty one would only be refused there.
            var ok = text.Length is > 0 and <= 256;
            (token, error) = (text, ok ? "" : "--token takes a token of 1 to 256 characters, as the gateway's operator gave it");
            return ok;
        });

    private readonly Option<int?> _cpuThreads = OptionValues.Read<int?>(CpuThreadLimit.OptionName, "n", "CPU threads to hash on (default: one per core)", CpuThreadLimit.Read);

    private readonly Option<double> _duty = OptionValues.Read("--duty", "percent",
        "hash this percentage of the time, resting the rest (default: 100), e.g. for a laptop on battery",
        (string text, out double duty, out string error) =>
        {
            var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent > 0 && percent <= 100;
            (duty, error) = (percent / 100, ok ? "" : $"--duty takes a percentage above 0 and at most 100, got '{text}'");
            return ok;
        });

    private readonly Option<bool> _json = OptionValues.Flag("--json", "print each report as one JSON line (rate, hashed, accepted, rejected) for programs");

    private readonly Option<LogLevel> _logLevel = LogLevelOption.Create(
        "how much goes to standard error besides the connection's ups and downs: trace, debug, information, warning, error, critical or none (default: warning); the worker's own notices always show, its debug lines from debug");

    public IReadOnlyList<Option> All => [_pool, _device, _token, _cpuThreads, _duty, _json, _logLevel];

    /// <summary>
    /// The <c>worker</c> subcommand; it runs until <paramref name="stop"/>, its connection's ups and downs
    /// logged through the factory <paramref name="createLogging"/> makes (at <c>--log-level</c>).
    /// </summary>
    public Command Create(TimeProvider time, Func<LogLevel, ILoggerFactory>? createLogging, CancellationToken stop)
    {
        var command = new Command("worker", "mine as a volunteer through a node's gateway (no cluster membership)");
        foreach (var option in All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parsed =>
        {
            var logs = createLogging?.Invoke(parsed.ValueOr(_logLevel, NodeLogging.DefaultLevel)) ?? NullLoggerFactory.Instance;
            return WorkerCommand.RunAsync(Read(parsed), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, logs.CreateLogger(typeof(WorkerCommand)), time, stop);
        });
        return command;
    }

    public WorkerOptions Read(ParseResult parsed) =>
        new(parsed.GetRequiredValue(_pool), parsed.GetValue(_device), parsed.GetValue(_token), parsed.GetValue(_cpuThreads), parsed.ValueOr(_duty, 1.0), parsed.GetValue(_json));
}
