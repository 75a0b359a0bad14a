namespace Beamchain.Node.Status;

/// <summary>The nonce dispenser: the member hosting it and the cluster's measured hash rate.</summary>
public sealed record DispenserReport(string Host, double ClusterHashesPerSecond);
