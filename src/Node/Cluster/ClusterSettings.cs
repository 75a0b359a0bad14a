using Beamchain.Node.Secret;

namespace Beamchain.Node.Cluster;

/// <summary>
/// What the cluster part of a node is told on its command line. <see cref="Port"/> 0 picks a
/// free port; <see cref="NodeName"/> null means "host name:port" once the port is known.
/// </summary>
public sealed record ClusterSettings
{
    public const string DefaultClusterName = "beamchain";

    public static readonly TimeSpan DefaultLeaseTime = TimeSpan.FromMilliseconds(1000);

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; }

    /// <summary>The address other members use to reach this one, when it differs from <see cref="Host"/> (NAT, 0.0.0.0).</summary>
    public string? AdvertisedHost { get; init; }

    public string ClusterName { get; init; } = DefaultClusterName;

    public string? NodeName { get; init; }

    /// <summary>How long one lease should take at the miner's measured rate (<c>--lease-time</c>).</summary>
    public TimeSpan LeaseTime { get; init; } = DefaultLeaseTime;

    /// <summary>Nonces in a miner's first lease, which it hashes to measure its rate.</summary>
    public ulong CalibrationNonces { get; init; } = 1 << 14;

    /// <summary>
    /// How long a member may go without a gossip heartbeat before the others drop it (and
    /// re-activate its grains). Proto.Cluster's default is 20 s; 5 s lets a crash be noticed
    /// quickly while riding out a busy machine's pauses. A member dropped this way joins
    /// again by itself as a new member (see <see cref="ClusterNode"/>).
    /// </summary>
    public TimeSpan MemberTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public ClusterMode Mode { get; init; } = ClusterMode.Auto;

    public Uri? ConsulAddress { get; init; }

    public string? ConsulToken { get; init; }

    public SeedAddress? Seed { get; init; }

    /// <summary>The secret every member must prove (<c>--cookie</c>); null leaves the cluster open to anyone who can reach it.</summary>
    public ClusterCookie? Cookie { get; init; }
}
