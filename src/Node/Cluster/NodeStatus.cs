using Beamchain.Node.Grains;
using Beamchain.Node.Mining;

namespace Beamchain.Node.Cluster;

/// <summary>What <c>status</c> shows: members, this node's devices, the chain, and the current job with its progress.</summary>
public sealed record NodeStatus(
    string Node,
    string Address,
    string Membership,
    IReadOnlyList<string> Members,
    IReadOnlyList<MinerSnapshot> Miners,
    ChainStatus? Chain,
    DispenserStatus? Job);
