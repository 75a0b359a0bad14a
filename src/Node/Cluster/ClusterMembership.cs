using Proto.Cluster;
using Proto.Cluster.Seed;

namespace Beamchain.Node.Cluster;

/// <summary>The membership a node runs with, and the words its first line uses for it.</summary>
public sealed record ClusterMembership(ClusterMode Mode, IClusterProvider Provider, string Description)
{
    /// <summary>
    /// The provider a dropped member joins again with, given the member addresses it knew (a
    /// provider serves one membership). By default through those members as seeds; Consul
    /// membership registers afresh with the agent instead.
    /// </summary>
    public Func<IReadOnlyList<string>, IClusterProvider> Rejoin { get; init; } =
        known => new SeedNodeClusterProvider(new SeedNodeClusterProviderOptions(new KnownMemberSeeds(known)));
}
