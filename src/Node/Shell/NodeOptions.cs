using System.Net;
using Beamchain.Node.Chain;
using Beamchain.Node.Network;

namespace Beamchain.Node.Shell;

/// <summary>A node's command-line settings, parsed in one place by <see cref="NodeOptionsParser"/>.</summary>
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

    /// <summary>Where the node keeps its blocks; null means <see cref="ChainStore.DefaultDirectory"/> for <see cref="NodeName"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Skip re-checking stored blocks' proof of work at start (links are always checked).</summary>
    public bool TrustStore { get; init; }

    /// <summary>How long the cluster should take to find a block; difficulty follows the measured hash rate.</summary>
    public TimeSpan BlockTime { get; init; } = DifficultyPolicy.DefaultBlockTime;

    /// <summary>Print the options and exit.</summary>
    public bool ShowHelp { get; init; }

    public string ResolveNodeName() => NodeName ?? $"{Dns.GetHostName()}-{Port}";

    public string ResolveDataDirectory() => DataDirectory ?? ChainStore.DefaultDirectory(ResolveNodeName());

    /// <summary>The cluster part of these options; <paramref name="environment"/> supplies <c>CONSUL_HTTP_ADDR</c> and <c>CONSUL_HTTP_TOKEN</c>.</summary>
    public ClusterSettings ToClusterSettings(Func<string, string?> environment, Uri? consulFromEnvironment) => new()
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
    };
}
