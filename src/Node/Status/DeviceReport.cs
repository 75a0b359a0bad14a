namespace Beamchain.Node.Status;

/// <summary>One of this node's miners: <see cref="Kind"/> as <c>--device</c> names it, <see cref="IdleShare"/> the share of time it waited between leases (0..1).</summary>
public sealed record DeviceReport(string Name, string Kind, double HashesPerSecond, ulong Hashed, double IdleShare, string? JobId);
