using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Proto.Cluster.Seed;

namespace Beamchain.Node.Tests.Cluster;

/// <summary>Proto.Cluster's seed-node membership for test nodes: the first node is the seed, the others join it.</summary>
public static class SeedMembership
{
    public static ClusterMembership First() => new(ClusterMode.Single, FixedServerSeedNode.StartSeedNode(), "seed");

    public static ClusterMembership Joining(ClusterNode seed)
    {
        var colon = seed.Address.LastIndexOf(':');
        return new(ClusterMode.Seed, FixedServerSeedNode.JoinSeedNode(seed.Address[..colon], int.Parse(seed.Address[(colon + 1)..])), "seed");
    }
}
