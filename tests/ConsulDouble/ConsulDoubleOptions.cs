using System.Globalization;
using System.Net;

namespace Beamchain.ConsulDouble;

/// <summary>How the double listens and how closely it copies the real agent's timing.</summary>
public sealed record ConsulDoubleOptions
{
    public const string Usage =
        "usage: dotnet run --project tests/ConsulDouble -- [--port N] [--host IP] [--token T] [--reap-interval D] [--min-deregister-after D]\n"
        + "  --port N                  HTTP port (default 8500; 0 picks a free one)\n"
        + "  --host IP                 address to listen on (default 127.0.0.1)\n"
        + "  --token T                 require this ACL token in X-Consul-Token (default: no ACLs)\n"
        + "  --reap-interval D         how often critical services are reaped, Go duration (default 30s, as the agent)\n"
        + "  --min-deregister-after D  floor for DeregisterCriticalServiceAfter (default 1m, as the agent)";

    public IPAddress Host { get; init; } = IPAddress.Loopback;

    /// <summary>0 asks the system for a free port; <see cref="ConsulDoubleServer.BaseAddress"/> tells which.</summary>
    public int Port { get; init; } = 8500;

    public string? Token { get; init; }

    public TimeSpan ReapInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MinimumDeregisterAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Reads command-line arguments; on failure <paramref name="error"/> says which one was wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out ConsulDoubleOptions options, out string error)
    {
        options = new ConsulDoubleOptions();
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = name is "--port" or "--host" or "--token" or "--reap-interval" or "--min-deregister-after"
                    ? $"{name} needs a value"
                    : $"unknown option '{name}'";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535:
                    options = options with { Port = port };
                    break;
                case "--host" when IPAddress.TryParse(value, out var host):
                    options = options with { Host = host };
                    break;
                case "--token" when value.Length > 0:
                    options = options with { Token = value };
                    break;
                case "--reap-interval" when GoDuration.TryParse(value, out var interval) && interval > TimeSpan.Zero:
                    options = options with { ReapInterval = interval };
                    break;
                case "--min-deregister-after" when GoDuration.TryParse(value, out var minimum):
                    options = options with { MinimumDeregisterAfter = minimum };
                    break;
                case "--port" or "--host" or "--token" or "--reap-interval" or "--min-deregister-after":
                    error = $"bad value '{value}' for {name}";
                    return false;
                default:
                    error = $"unknown option '{name}'";
                    return false;
            }
        }

        return true;
    }
}
