namespace Beamchain.Node.Worker;

/// <summary>What a worker prints: its own counts (nonces it hashed, shares the gateway took or refused).</summary>
public sealed record WorkerReport(ulong Hashed, ulong SessionHashed, double SessionSeconds, ulong Accepted, ulong Rejected, ulong Blocks);
