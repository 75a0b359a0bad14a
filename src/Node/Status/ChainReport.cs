namespace Beamchain.Node.Status;

/// <summary>The chain grain's view: the cluster's tip, the queue of <c>mine</c> requests (the head is being mined) and the member hosting the grain.</summary>
public sealed record ChainReport(ulong Height, string TipHash, IReadOnlyList<QueuedRequest> Queue, string Host);
