using Proto.Cluster;

namespace Beamchain.Node.Network;

/// <summary>The membership a node runs with, and the words its first line uses for it.</summary>
public sealed record ClusterMembership(ClusterMode Mode, IClusterProvider Provider, string Description);
