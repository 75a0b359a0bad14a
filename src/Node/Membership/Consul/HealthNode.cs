using System.Text.Json.Serialization;

namespace Beamchain.Node.Membership.Consul;

/// <summary>The agent node a health entry's service is registered on.</summary>
public sealed record HealthNode(
    [property: JsonPropertyName("Node")] string? Name,
    [property: JsonPropertyName("Address")] string? Address);
