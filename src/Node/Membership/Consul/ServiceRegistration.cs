using System.Text.Json.Serialization;

namespace Beamchain.Node.Membership.Consul;

/// <summary>Body of <c>PUT /v1/agent/service/register</c>.</summary>
public sealed record ServiceRegistration(
    [property: JsonPropertyName("ID")] string Id,
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("Tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("Address")] string Address,
    [property: JsonPropertyName("Port")] int Port,
    [property: JsonPropertyName("Meta")] IReadOnlyDictionary<string, string> Meta,
    [property: JsonPropertyName("Check")] ServiceTtlCheck Check);
