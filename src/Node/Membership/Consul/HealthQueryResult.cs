namespace Beamchain.Node.Membership.Consul;

/// <summary>A health query's entries and the <c>X-Consul-Index</c> they are current at.</summary>
public sealed record HealthQueryResult(IReadOnlyList<HealthEntry> Entries, ulong Index);
