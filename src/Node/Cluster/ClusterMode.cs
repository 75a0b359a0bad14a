namespace Beamchain.Node.Cluster;

/// <summary>How a node finds the other members (<c>--cluster</c>).</summary>
public enum ClusterMode
{
    /// <summary>Consul when an agent answers within a second, else the seed when one is given, else alone.</summary>
    Auto,
    Consul,
    Seed,
    Single,
}
