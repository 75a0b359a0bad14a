using System.Text.Json.Serialization;

namespace Beamchain.Node.Membership.Consul;

/// <summary>The one TTL check registered with a member; durations are Go duration strings.</summary>
public sealed record ServiceTtlCheck(
    [property: JsonPropertyName("TTL")] string Ttl,
    [property: JsonPropertyName("DeregisterCriticalServiceAfter")] string DeregisterCriticalServiceAfter);
