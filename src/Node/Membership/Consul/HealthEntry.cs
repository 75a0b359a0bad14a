using System.Text.Json.Serialization;

namespace Beamchain.Node.Membership.Consul;

/// <summary>One element of <c>GET /v1/health/service/{name}</c>; every field may be absent in foreign data.</summary>
public sealed record HealthEntry(
    [property: JsonPropertyName("Node")] HealthNode? Node,
    [property: JsonPropertyName("Service")] HealthService? Service,
    [property: JsonPropertyName("Checks")] IReadOnlyList<HealthCheck>? Checks);
