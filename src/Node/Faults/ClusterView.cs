namespace Beamchain.Node.Faults;

/// <summary>What one node's <c>status</c> said: members, grain hosts (addresses), the tip, and the current job's leases and figures by node name.</summary>
public sealed record ClusterView(
    int Members,
    string ChainHost,
    string DispenserHost,
    ulong TipHeight,
    string? JobId,
    IReadOnlyDictionary<string, ulong> OpenByNode,
    IReadOnlyDictionary<string, ulong> HashedByNode);
