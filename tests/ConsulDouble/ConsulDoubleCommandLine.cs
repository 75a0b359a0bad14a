using System.CommandLine;
using System.Net;
using Beamchain.CommandLine;

namespace Beamchain.ConsulDouble;

/// <summary>
/// <c>dotnet run --project tests/ConsulDouble -- [--port N] [--host IP] [--token T] [--reap-interval D] [--min-deregister-after D]</c>,
/// read into <see cref="ConsulDoubleOptions"/>; durations are written as everywhere in Beamchain (<see cref="Duration"/>).
/// </summary>
public sealed class ConsulDoubleCommandLine
{
    private static readonly ConsulDoubleOptions Defaults = new();

    private readonly Option<int> _port = OptionValues.Read("--port", "port", "HTTP port (default 8500; 0 picks a free one)", Refused(OptionValues.Port("--port"), "--port"));

    private readonly Option<IPAddress> _host = OptionValues.Read("--host", "ip", "address to listen on (default 127.0.0.1)",
        (string text, out IPAddress host, out string error) =>
        {
            var ok = IPAddress.TryParse(text, out var address);
            (host, error) = (address ?? IPAddress.None, ok ? "" : BadValue(text, "--host"));
            return ok;
        });

    private readonly Option<string?> _token = OptionValues.Read<string?>("--token", "token", "require this ACL token in X-Consul-Token (default: no ACLs)",
        (string text, out string? token, out string error) =>
        {
            (token, error) = (text, text.Length > 0 ? "" : BadValue(text, "--token"));
            return text.Length > 0;
        });

    private readonly Option<TimeSpan> _reapInterval = OptionValues.Read("--reap-interval", "duration",
        "how often critical services are reaped (default 30s, as the agent)", Refused(OptionValues.Duration("--reap-interval"), "--reap-interval"));

    private readonly Option<TimeSpan> _minimumDeregisterAfter = OptionValues.Read("--min-deregister-after", "duration",
        "floor for DeregisterCriticalServiceAfter (default 1m, as the agent)", Refused(OptionValues.Duration("--min-deregister-after", allowZero: true), "--min-deregister-after"));

    public IReadOnlyList<Option> All => [_port, _host, _token, _reapInterval, _minimumDeregisterAfter];

    public Command Create(Func<ConsulDoubleOptions, Task<int>> run)
    {
        var root = CommandLineRun.Root("consul-double", "A Consul HTTP API double for Beamchain's tests: the agent endpoints the Consul membership uses.");
        foreach (var option in All)
        {
            root.Options.Add(option);
        }

        root.SetAction(parsed => run(Read(parsed)));
        return root;
    }

    public ConsulDoubleOptions Read(ParseResult parsed) => new()
    {
        Port = parsed.ValueOr(_port, Defaults.Port),
        Host = parsed.ValueOr(_host, Defaults.Host),
        Token = parsed.GetValue(_token),
        ReapInterval = parsed.ValueOr(_reapInterval, Defaults.ReapInterval),
        MinimumDeregisterAfter = parsed.ValueOr(_minimumDeregisterAfter, Defaults.MinimumDeregisterAfter),
    };

    private static string BadValue(string text, string option) => $"bad value '{text}' for {option}";

    // The double's own words for every bad value: which value, for which option.
    private static ValueReader<T> Refused<T>(ValueReader<T> read, string option) => (string text, out T value, out string error) =>
    {
        var ok = read(text, out value, out _);
        error = ok ? "" : BadValue(text, option);
        return ok;
    };
}
