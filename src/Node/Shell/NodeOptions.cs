using System.Diagnostics.CodeAnalysis;
using System.Net;
using Beamchain.Node.Chain;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grid;
using Beamchain.Node.Logging;
using Beamchain.Node.Secret;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Shell;

/// <summary>A node's command-line settings, read from the command line by <see cref="NodeCommandLine"/>.</summary>
public sealed record NodeOptions
{
    /// <summary>The Proto.Remote port a node listens on when none is given.</summary>
    public const int DefaultPort = 4020;

    /// <summary>Names the node in its output and picks its default data directory; null means host name and port.</summary>
    public string? NodeName { get; init; }

    /// <summary>The address Proto.Remote binds (<c>0.0.0.0</c> for every interface, then give <see cref="AdvertisedHost"/>).</summary>
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = DefaultPort;

    public string? AdvertisedHost { get; init; }

    public string ClusterName { get; init; } = ClusterSettings.DefaultClusterName;

    public TimeSpan LeaseTime { get; init; } = ClusterSettings.DefaultLeaseTime;

    public ClusterMode Cluster { get; init; } = ClusterMode.Auto;

    /// <summary>The Consul agent's HTTP API; null means <c>CONSUL_HTTP_ADDR</c>, else 127.0.0.1:8500.</summary>
    public Uri? ConsulAddress { get; init; }

    public SeedAddress? Seed { get; init; }

    /// <summary>The <c>--device</c> value (null: every GPU found, else the CPU).</summary>
    public string? Device { get; init; }

    /// <summary>Threads the CPU searcher hashes on; null means one per core.</summary>
    public int? CpuThreads { get; init; }

    /// <summary>Where the node keeps its blocks; null means <see cref="ChainStore.DefaultDirectory"/> for <see cref="NodeName"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Skip re-checking stored blocks' proof of work at start (links are always checked).</summary>
    public bool TrustStore { get; init; }

    /// <summary>How long the cluster should take to find a block; difficulty follows the measured hash rate.</summary>
    public TimeSpan BlockTime { get; init; } = DifficultyPolicy.DefaultBlockTime;

    /// <summary>The cluster secret given with <c>--cookie</c>.</summary>
    public ClusterCookie? Cookie { get; init; }

    /// <summary>A file holding the cluster secret (<c>--cookie-file</c>).</summary>
    public string? CookieFile { get; init; }

    /// <summary>The grid gateway's port (<c>--grid-port</c>); null: no gateway.</summary>
    public int? GridPort { get; init; }

    public const string DefaultGridHost = "127.0.0.1";

    public string GridHost { get; init; } = DefaultGridHost;

    /// <summary>A PKCS#12 certificate for the gateway's wss:// (<c>--grid-cert</c>).</summary>
    public string? GridCertificate { get; init; }

    /// <summary>Tokens a volunteer must present (<c>--grid-token</c>, repeatable); empty: anyone may mine.</summary>
    public IReadOnlyList<string> GridTokens { get; init; } = [];

    /// <summary>Browser page origins allowed to mine besides the gateway's own (<c>--grid-origin</c>, repeatable).</summary>
    public IReadOnlyList<string> GridOrigins { get; init; } = [];

    /// <summary>The least severe log entry of Proto.Actor and other libraries written to standard error, and of the node's own below Information (<c>--log-level</c>).</summary>
    public LogLevel LogLevel { get; init; } = NodeLogging.DefaultLevel;

    public string ResolveNodeName() => NodeName ?? $"{Dns.GetHostName()}-{Port}";

    public string ResolveDataDirectory() => DataDirectory ?? ChainStore.DefaultDirectory(ResolveNodeName());

    /// <summary>
    /// The cluster secret from <c>--cookie</c>, else <c>--cookie-file</c>, else the
    /// <c>BEAMCHAIN_COOKIE</c> variable in <paramref name="environment"/>; null when none is set.
    /// </summary>
    public bool TryResolveCookie(Func<string, string?> environment, out ClusterCookie? cookie, [NotNullWhen(false)] out string? error)
    {
        cookie = Cookie;
        error = null;
        if (Cookie is not null && CookieFile is not null)
        {
            error = "give the cluster secret once: --cookie or --cookie-file, not both";
            return false;
        }

        if (Cookie is not null)
        {
            return true;
        }

        if (CookieFile is not null)
        {
            return ClusterCookie.TryReadFile(CookieFile, out cookie, out error);
        }

        if (environment(ClusterCookie.EnvironmentVariable) is { Length: > 0 } fromEnvironment && !ClusterCookie.TryCreate(fromEnvironment, out cookie, out var invalid))
        {
            error = $"{ClusterCookie.EnvironmentVariable}: {invalid}";
            return false;
        }

        return true;
    }

    /// <summary>
    /// What is wrong with the gateway options, found before anything starts (else the node would
    /// join the cluster only to leave it again): gateway options without <c>--grid-port</c>, which
    /// would be ignored; the gateway on the node's own port; a certificate that does not load.
    /// </summary>
    public bool TryCheckGrid(Func<string, string?> environment, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (GridPort is not { } gridPort)
        {
            var given = new[]
            {
                (Given: GridCertificate is not null, Name: "--grid-cert"),
                (Given: GridTokens.Count > 0, Name: "--grid-token"),
                (Given: GridOrigins.Count > 0, Name: "--grid-origin"),
                (Given: GridHost != DefaultGridHost, Name: "--grid-host"),
            }.Where(o => o.Given).Select(o => o.Name).ToList();
            if (given.Count > 0)
            {
                error = $"{string.Join(", ", given)} set up the volunteers' gateway, which only --grid-port opens; add --grid-port <port> (0 picks a free one), or leave {(given.Count == 1 ? "it" : "them")} out";
            }

            return error is null;
        }

        if (gridPort != 0 && gridPort == Port && HostsOverlap(GridHost, Host))
        {
            error = $"--grid-port {gridPort} is also this node's --port; give the gateway a port of its own";
            return false;
        }

        if (GridCertificate is { } file)
        {
            try
            {
                GatewayCertificate.Load(file, environment(GatewayCertificate.PasswordVariable)).Dispose();
            }
            catch (ArgumentException e)
            {
                error = e.Message;
                return false;
            }
        }

        return true;
    }

    // Two listeners clash when their addresses are equal or either takes every interface.
    private static bool HostsOverlap(string a, string b)
    {
        static bool Any(string host) => host is "0.0.0.0" or "::" or "[::]";
        static string Plain(string host) => host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" : host;
        return Any(a) || Any(b) || string.Equals(Plain(a), Plain(b), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The gateway part of these options; null when <c>--grid-port</c> is not given.</summary>
    public GridSettings? ToGridSettings(Func<string, string?> environment) => GridPort is not { } port ? null : new GridSettings
    {
        Host = GridHost,
        Port = port,
        CertificateFile = GridCertificate,
        CertificatePassword = environment(GatewayCertificate.PasswordVariable),
        Tokens = GridTokens,
        AllowedOrigins = GridOrigins,
    };

    /// <summary>The cluster part of these options; <paramref name="environment"/> supplies <c>CONSUL_HTTP_ADDR</c> and <c>CONSUL_HTTP_TOKEN</c>.</summary>
    public ClusterSettings ToClusterSettings(Func<string, string?> environment, Uri? consulFromEnvironment, ClusterCookie? cookie) => new()
    {
        Host = Host,
        Port = Port,
        AdvertisedHost = AdvertisedHost,
        ClusterName = ClusterName,
        NodeName = ResolveNodeName(),
        LeaseTime = LeaseTime,
        Mode = Cluster,
        ConsulAddress = ConsulAddress ?? consulFromEnvironment,
        ConsulToken = environment("CONSUL_HTTP_TOKEN"),
        Seed = Seed,
        Cookie = cookie,
    };
}
