namespace Beamchain.Node.Status;

/// <summary>A <c>mine</c> request waiting for its block; its data is left out (up to 64 KiB each).</summary>
public sealed record QueuedRequest(string RequestId, ulong Sequence);
