using System.Text.Json.Serialization;

namespace Beamchain.Node.Membership.Consul;

/// <summary>The service half of a health entry, as registered.</summary>
public sealed record HealthService(
    [property: JsonPropertyName("ID")] string? Id,
    [property: JsonPropertyName("Service")] string? Name,
    [property: JsonPropertyName("Tags")] IReadOnlyList<string>? Tags,
    [property: JsonPropertyName("Address")] string? Address,
    [property: JsonPropertyName("Port")] int Port,
    [property: JsonPropertyName("Meta")] IReadOnlyDictionary<string, string>? Meta);
