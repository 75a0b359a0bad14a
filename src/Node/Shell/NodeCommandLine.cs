using System.CommandLine;
using Beamchain.CommandLine;
using Beamchain.Node.Cluster;
using Beamchain.Node.Devices;
using Beamchain.Node.Logging;
using Beamchain.Node.Membership.Consul;
using Beamchain.Node.Secret;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Shell;

/// <summary>
/// The node's options (<c>beamchain [options]</c>), read into <see cref="NodeOptions"/>. Each value
/// is checked as it is parsed, so a bad one stops the node before anything starts. To add an
/// option, add a field here, list it in <see cref="All"/>, read it in <see cref="Read"/>, and add
/// a property to <see cref="NodeOptions"/>.
/// </summary>
public sealed class NodeCommandLine
{
    private static readonly NodeOptions Defaults = new();

    private readonly Option<string?> _name = OptionValues.Read<string?>("--name", "name",
        "this node's name (default: host name and port, e.g. myhost-4020); also names its default data directory", Nullable(NodeName("--name")));

    private readonly Option<string?> _nodeName = OptionValues.Read<string?>("--node-name", "name",
        "the same as --name", Nullable(NodeName("--node-name")));

    private readonly Option<string> _host = OptionValues.Read("--host", "address",
        "the address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface, with --advertised-host)", OptionValues.Text("--host", "an address"));

    private readonly Option<int> _port = OptionValues.Read("--port", "port",
        $"the port to listen on (default: {NodeOptions.DefaultPort}; 0 picks a free one)", OptionValues.Port("--port"));

    private readonly Option<string?> _advertisedHost = OptionValues.Read<string?>("--advertised-host", "address",
        "the address other members reach this node at, when it differs from --host", Nullable(OptionValues.Text("--advertised-host", "an address")));

    private readonly Option<string> _clusterName = OptionValues.Read("--cluster-name", "name",
        "the cluster to join (default: beamchain)", NodeName("--cluster-name"));

    private readonly Option<ClusterMode> _cluster = OptionValues.Read("--cluster", "auto|consul|seed|single",
        "how to find the other members (default: auto: Consul if an agent answers within 1 s, else --seed if given, else alone)", OptionValues.OneOf<ClusterMode>("--cluster"));

    private readonly Option<Uri?> _consul = OptionValues.Read<Uri?>("--consul", "host:port|url",
        "the Consul agent's HTTP API (default: CONSUL_HTTP_ADDR, else 127.0.0.1:8500); the token comes from CONSUL_HTTP_TOKEN",
        (string text, out Uri? address, out string error) =>
        {
            var ok = ConsulAgentAddress.TryParse(text, out var parsed, out var problem);
            (address, error) = (ok ? parsed : null, ok ? "" : $"--consul: {problem}");
            return ok;
        });

    private readonly Option<SeedAddress?> _seed = OptionValues.Read<SeedAddress?>("--seed", "host:port",
        "a running member to join through (Proto.Cluster's seed-node provider)",
        (string text, out SeedAddress? seed, out string error) =>
        {
            var ok = SeedAddress.TryParse(text, out seed);
            error = ok ? "" : $"--seed takes host:port, e.g. 127.0.0.1:4020; got '{text}'";
            return ok;
        });

    private readonly Option<ClusterCookie?> _cookie = OptionValues.Read<ClusterCookie?>("--cookie", "secret",
        $"the secret every member of the cluster shares; without it a node can neither join nor send requests (default: {ClusterCookie.EnvironmentVariable}, else none: an open cluster)",
        (string text, out ClusterCookie? cookie, out string error) =>
        {
            var ok = ClusterCookie.TryCreate(text, out cookie, out var problem);
            error = ok ? "" : $"--cookie: {problem}";
            return ok;
        });

    private readonly Option<string?> _cookieFile = OptionValues.Read<string?>("--cookie-file", "file",
        "read the cluster secret from a file (surrounding whitespace is ignored)", Nullable(OptionValues.Text("--cookie-file", "a file")));

    private readonly Option<TimeSpan> _leaseTime = OptionValues.Read("--lease-time", "duration",
        "how long each nonce lease should take at the device's measured rate (default: 1s)", OptionValues.Duration("--lease-time"));

    private readonly Option<string?> _device = DeviceOption.Create(
        "hardware to hash on (default: every GPU found, else the CPU; none: store and relay blocks without hashing)");

    private readonly Option<int?> _cpuThreads = OptionValues.Read<int?>(CpuThreadLimit.OptionName, "n",
        "threads the CPU searcher hashes on (default: one per core)", CpuThreadLimit.Read);

    private readonly Option<string?> _dataDirectory = OptionValues.Read<string?>("--data-dir", "folder",
        "where this node keeps its blocks (default: beamchain/<name> under the user's local data folder)", Nullable(OptionValues.Text("--data-dir", "a folder")));

    private readonly Option<bool> _trustStore = OptionValues.Flag("--trust-store",
        "at start, check stored blocks' links but not their proof of work");

    private readonly Option<TimeSpan> _blockTime = OptionValues.Read("--block-time", "duration",
        $"how long the cluster should take per block, e.g. {Duration.Examples} (default: 5s)", OptionValues.Duration("--block-time"));

    private readonly Option<int?> _gridPort = OptionValues.Read<int?>("--grid-port", "port",
        "open a gateway for volunteers (beamchain worker, browsers) on this port (0 picks a free one); default: none", Nullable(OptionValues.Port("--grid-port")));

    private readonly Option<string> _gridHost = OptionValues.Read("--grid-host", "address",
        "the address the gateway listens on (default: 127.0.0.1; 0.0.0.0 for every interface)",
        (string text, out string host, out string error) =>
        {
            var ok = text == "localhost" || System.Net.IPAddress.TryParse(text, out _);
            (host, error) = (text, ok ? "" : $"--grid-host takes an IP address (127.0.0.1, 0.0.0.0, ::) or localhost, got '{text}'");
            return ok;
        });

    private readonly Option<string?> _gridCertificate = OptionValues.Read<string?>("--grid-cert", "file.pfx",
        "serve the gateway as wss:// with this certificate (password from BEAMCHAIN_GRID_CERT_PASSWORD)", Nullable(OptionValues.Text("--grid-cert", "a .pfx file")));

    private readonly Option<IReadOnlyList<string>> _gridTokens = OptionValues.Repeated("--grid-token", "token",
        "only volunteers presenting this token may mine (repeat for several)",
        (string text, out string token, out string error) =>
        {
            var ok = text.Length is > 0 and <= 256;
            (token, error) = (text, ok ? "" : "--grid-token takes a token of 1 to 256 characters");
            return ok;
        });

    private readonly Option<IReadOnlyList<string>> _gridOrigins = OptionValues.Repeated("--grid-origin", "origin",
        "a browser page origin (e.g. https://example.org) allowed to mine besides the gateway's own (repeat for several)",
        (string text, out string origin, out string error) =>
        {
            var ok = Uri.TryCreate(text, UriKind.Absolute, out _);
            (origin, error) = (text, ok ? "" : $"--grid-origin takes an origin such as https://example.org, got '{text}'");
            return ok;
        });

    private readonly Option<LogLevel> _logLevel = LogLevelOption.Create(
        "how much of the libraries' log (Proto.Actor: membership, gossip, connections) goes to standard error with the node's notices: trace, debug, information, warning, error, critical or none (default: warning); the node's own notices always show, its debug lines from debug");

    public IReadOnlyList<Option> All =>
    [
        _name, _nodeName, _host, _port, _advertisedHost, _clusterName, _cluster, _consul, _seed, _cookie, _cookieFile, _leaseTime,
        _device, _cpuThreads, _dataDirectory, _trustStore, _blockTime, _gridPort, _gridHost, _gridCertificate, _gridTokens, _gridOrigins, _logLevel,
    ];

    /// <summary>The node's options as given on <paramref name="parsed"/>'s command line (defaults for the rest).</summary>
    public NodeOptions Read(ParseResult parsed) => new()
    {
        NodeName = parsed.GetValue(_nodeName) ?? parsed.GetValue(_name),
        Host = parsed.ValueOr(_host, Defaults.Host),
        Port = parsed.ValueOr(_port, Defaults.Port),
        AdvertisedHost = parsed.GetValue(_advertisedHost),
        ClusterName = parsed.ValueOr(_clusterName, Defaults.ClusterName),
        Cluster = parsed.ValueOr(_cluster, Defaults.Cluster),
        ConsulAddress = parsed.GetValue(_consul),
        Seed = parsed.GetValue(_seed),
        Cookie = parsed.GetValue(_cookie),
        CookieFile = parsed.GetValue(_cookieFile),
        LeaseTime = parsed.ValueOr(_leaseTime, Defaults.LeaseTime),
        Device = parsed.GetValue(_device),
        CpuThreads = parsed.GetValue(_cpuThreads),
        DataDirectory = parsed.GetValue(_dataDirectory),
        TrustStore = parsed.GetValue(_trustStore),
        BlockTime = parsed.ValueOr(_blockTime, Defaults.BlockTime),
        GridPort = parsed.GetValue(_gridPort),
        GridHost = parsed.ValueOr(_gridHost, Defaults.GridHost),
        GridCertificate = parsed.GetValue(_gridCertificate),
        GridTokens = parsed.ValueOr(_gridTokens, Defaults.GridTokens),
        GridOrigins = parsed.ValueOr(_gridOrigins, Defaults.GridOrigins),
        LogLevel = parsed.ValueOr(_logLevel, Defaults.LogLevel),
    };

    private static ValueReader<string> NodeName(string option) => (string text, out string name, out string error) =>
    {
        var ok = text.Length > 0 && text != "." && text != ".." && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        (name, error) = (text, ok ? "" : $"{option} takes letters, digits, '-', '_' and '.', got '{text}'");
        return ok;
    };

    // The same check for an option whose absence is null rather than a default value.
    private static ValueReader<T?> Nullable<T>(ValueReader<T> read) where T : struct => (string text, out T? value, out string error) =>
    {
        var ok = read(text, out var checkedValue, out error);
        value = ok ? checkedValue : null;
        return ok;
    };

    private static ValueReader<string?> Nullable(ValueReader<string> read) => (string text, out string? value, out string error) =>
    {
        var ok = read(text, out var checkedValue, out error);
        value = ok ? checkedValue : null;
        return ok;
    };
}
