using System.Globalization;
using System.Text;
using Beamchain.Node.Cluster;
using Beamchain.Node.Devices;
using Beamchain.Node.Logging;
using Beamchain.Node.Membership.Consul;
using Beamchain.Node.Secret;

namespace Beamchain.Node.Shell;

/// <summary>
/// Parses the node's command line (<c>--name value</c> or <c>--name=value</c>). To add an
/// option, add a row to <see cref="Options"/> and a property to <see cref="NodeOptions"/>.
/// </summary>
public static class NodeOptionsParser
{
    public static IReadOnlyList<NodeOption> Options { get; } =
    [
        new("--name", "<name>", "this node's name (default: host name and port, e.g. myhost-4020); also names its default data directory",
            (o, v) => IsNodeName(v) ? ParsedOptions.Ok(o with { NodeName = v }) : ParsedOptions.Fail($"--name takes letters, digits, '-', '_' and '.', got '{v}'")),
        new("--node-name", "<name>", "the same as --name (default: host name and port, e.g. myhost-4020)",
            (o, v) => IsNodeName(v) ? ParsedOptions.Ok(o with { NodeName = v }) : ParsedOptions.Fail($"--node-name takes letters, digits, '-', '_' and '.', got '{v}'")),
        new("--host", "<address>", "the address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface, with --advertised-host)",
            (o, v) => v.Length > 0 ? ParsedOptions.Ok(o with { Host = v }) : ParsedOptions.Fail("--host needs an address")),
        new("--port", "<port>", $"the port to listen on (default: {NodeOptions.DefaultPort}; 0 picks a free one)",
            (o, v) => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? ParsedOptions.Ok(o with { Port = port }) : ParsedOptions.Fail($"--port takes a number from 0 to 65535, got '{v}'")),
        new("--advertised-host", "<address>", "the address other members reach this node at, when it differs from --host",
            (o, v) => v.Length > 0 ? ParsedOptions.Ok(o with { AdvertisedHost = v }) : ParsedOptions.Fail("--advertised-host needs an address")),
        new("--cluster-name", "<name>", "the cluster to join (default: beamchain)",
            (o, v) => IsNodeName(v) ? ParsedOptions.Ok(o with { ClusterName = v }) : ParsedOptions.Fail($"--cluster-name takes letters, digits, '-', '_' and '.', got '{v}'")),
        new("--cluster", "<auto|consul|seed|single>", "how to find the other members (default: auto: Consul if an agent answers within 1 s, else --seed if given, else alone)",
            (o, v) => Enum.TryParse<ClusterMode>(v, ignoreCase: true, out var mode) && !int.TryParse(v, out _) ? ParsedOptions.Ok(o with { Cluster = mode }) : ParsedOptions.Fail($"--cluster is one of auto, consul, seed, single; got '{v}'")),
        new("--consul", "<host:port|url>", "the Consul agent's HTTP API (default: CONSUL_HTTP_ADDR, else 127.0.0.1:8500); the token comes from CONSUL_HTTP_TOKEN",
            (o, v) => ConsulAgentAddress.TryParse(v, out var address, out var error) ? ParsedOptions.Ok(o with { ConsulAddress = address }) : ParsedOptions.Fail($"--consul: {error}")),
        new("--seed", "<host:port>", "a running member to join through (Proto.Cluster's seed-node provider)",
            (o, v) => SeedAddress.TryParse(v, out var seed) ? ParsedOptions.Ok(o with { Seed = seed }) : ParsedOptions.Fail($"--seed takes host:port, e.g. 127.0.0.1:4020; got '{v}'")),
        new("--cookie", "<secret>", $"the secret every member of the cluster shares; without it a node can neither join nor send requests (default: {ClusterCookie.EnvironmentVariable}, else none: an open cluster)",
            (o, v) => ClusterCookie.TryCreate(v, out var cookie, out var error) ? ParsedOptions.Ok(o with { Cookie = cookie }) : ParsedOptions.Fail($"--cookie: {error}")),
        new("--cookie-file", "<file>", "read the cluster secret from a file (surrounding whitespace is ignored)",
            (o, v) => v.Length > 0 ? ParsedOptions.Ok(o with { CookieFile = v }) : ParsedOptions.Fail("--cookie-file needs a file")),
        new("--lease-ms", "<ms>", "how long each nonce lease should take at the device's measured rate (default: 1000)",
            (o, v) => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ParsedOptions.Ok(o with { LeaseTime = TimeSpan.FromMilliseconds(ms) }) : ParsedOptions.Fail($"--lease-ms takes a positive number of milliseconds, got '{v}'")),
        new("--device", "<cpu|cuda|opencl[,...]|none>", "hardware to hash on (default: every GPU found, else the CPU; none: store and relay blocks without hashing)",
            (o, v) => DeviceSelection.TryParse(v, out _, out var error) ? ParsedOptions.Ok(o with { Device = v }) : ParsedOptions.Fail(error)),
        new("--cpu-threads", "<n>", "threads the CPU searcher uses (default: one per core)",
            (o, v) => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var threads) && threads > 0 && threads <= CpuThreadLimit.Max ? ParsedOptions.Ok(o with { CpuThreads = threads }) : ParsedOptions.Fail(CpuThreadLimit.Describe(v))),
        new("--data-dir", "<folder>", "where this node keeps its blocks (default: beamchain/<name> under the user's local data folder)",
            (o, v) => v.Length > 0 ? ParsedOptions.Ok(o with { DataDirectory = v }) : ParsedOptions.Fail("--data-dir needs a folder")),
        new("--trust-store", null, "at start, check stored blocks' links but not their proof of work",
            (o, _) => ParsedOptions.Ok(o with { TrustStore = true })),
        new("--block-time", "<duration>", "how long the cluster should take per block, e.g. 5s, 500ms, 2m (default: 5s)",
            (o, v) => TryParseDuration(v, out var time) ? ParsedOptions.Ok(o with { BlockTime = time }) : ParsedOptions.Fail($"--block-time needs a positive duration such as 5s, 500ms or 2m, got '{v}'")),
        new("--grid-port", "<port>", "open a gateway for volunteers (beamchain worker, browsers) on this port (0 picks a free one); default: none",
            (o, v) => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? ParsedOptions.Ok(o with { GridPort = port }) : ParsedOptions.Fail($"--grid-port takes a number from 0 to 65535, got '{v}'")),
        new("--grid-host", "<address>", "the address the gateway listens on (default: 127.0.0.1; 0.0.0.0 for every interface)",
            (o, v) => v == "localhost" || System.Net.IPAddress.TryParse(v, out _) ? ParsedOptions.Ok(o with { GridHost = v }) : ParsedOptions.Fail($"--grid-host takes an IP address (127.0.0.1, 0.0.0.0, ::) or localhost, got '{v}'")),
        new("--grid-cert", "<file.pfx>", "serve the gateway as wss:// with this certificate (password from BEAMCHAIN_GRID_CERT_PASSWORD)",
            (o, v) => v.Length > 0 ? ParsedOptions.Ok(o with { GridCertificate = v }) : ParsedOptions.Fail("--grid-cert needs a .pfx file")),
        new("--grid-token", "<token>", "only volunteers presenting this token may mine (repeat for several)",
            (o, v) => v.Length is > 0 and <= 256 ? ParsedOptions.Ok(o with { GridTokens = [.. o.GridTokens, v] }) : ParsedOptions.Fail("--grid-token takes a token of 1 to 256 characters")),
        new("--grid-origin", "<origin>", "a browser page origin (e.g. https://example.org) allowed to mine besides the gateway's own (repeat for several)",
            (o, v) => Uri.TryCreate(v, UriKind.Absolute, out _) ? ParsedOptions.Ok(o with { GridOrigins = [.. o.GridOrigins, v] }) : ParsedOptions.Fail($"--grid-origin takes an origin such as https://example.org, got '{v}'")),
        new("--log-level", "<level>", "how much of Proto.Actor's own log (membership, gossip, connections) goes to standard error: trace, debug, information, warning, error, critical or none (default: warning)",
            (o, v) => ProtoLogging.TryParseLevel(v, out var level) ? ParsedOptions.Ok(o with { LogLevel = level }) : ParsedOptions.Fail($"--log-level is one of trace, debug, information, warning, error, critical, none; got '{v}'")),
        new("--help", null, "print these options and exit",
            (o, _) => ParsedOptions.Ok(o with { ShowHelp = true })),
    ];

    public static ParsedOptions Parse(IReadOnlyList<string> args)
    {
        var options = new NodeOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = SplitInlineValue(args[i]);
            var option = Options.FirstOrDefault(o => o.Name == name);
            if (option is null)
            {
                return ParsedOptions.Fail(name.StartsWith('-') ? $"unknown option '{name}'" : $"unexpected argument '{args[i]}'");
            }

            string value;
            if (!option.TakesValue)
            {
                if (inlineValue is not null)
                {
                    return ParsedOptions.Fail($"{name} takes no value");
                }

                value = "";
            }
            else if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                return ParsedOptions.Fail($"{name} needs a value: {name} {option.ValueName}");
            }

            var applied = option.Apply(options, value);
            if (!applied.Succeeded)
            {
                return applied;
            }

            options = applied.Options;
        }

        return ParsedOptions.Ok(options);
    }

    public static string Usage()
    {
        var text = new StringBuilder("usage: beamchain [options]       start a node and its prompt\n       beamchain bench [...]     measure hashing\n       beamchain worker --pool ws://host:port/grid [...]   mine as a volunteer through a node's gateway\n\noptions:\n");
        var width = Options.Max(o => Label(o).Length);
        foreach (var option in Options)
        {
            text.Append("  ").Append(Label(option).PadRight(width + 2)).Append(option.Description).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A positive duration: a number with unit ms, s, m or h (plain numbers are seconds).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var units = new (string Suffix, double Seconds)[] { ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("", 1) };
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                && number > 0)
            {
                duration = TimeSpan.FromSeconds(number * seconds);
                return duration > TimeSpan.Zero;
            }
        }

        return false;
    }

    private static bool IsNodeName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static (string Name, string? Value) SplitInlineValue(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static string Label(NodeOption option) => option.TakesValue ? $"{option.Name} {option.ValueName}" : option.Name;
}
