namespace Beamchain.Node.Status;

/// <summary>This node's own stored copy of the chain.</summary>
public sealed record ReplicaReport(ulong Height, string TipHash);
