namespace Beamchain.ConsulDouble;

/// <summary>The instances of one service, ordered by ID, and the index (<c>X-Consul-Index</c>) they are current at.</summary>
public sealed record HealthSnapshot(IReadOnlyList<ServiceInstance> Instances, ulong Index);
