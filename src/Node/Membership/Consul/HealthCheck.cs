using System.Text.Json.Serialization;

namespace Beamchain.Node.Membership.Consul;

/// <summary>One check of a health entry: the service's TTL check, or the node's own (e.g. <c>serfHealth</c>).</summary>
public sealed record HealthCheck(
    [property: JsonPropertyName("CheckID")] string? Id,
    [property: JsonPropertyName("Status")] string? Status,
    [property: JsonPropertyName("ServiceID")] string? ServiceId)
{
    public const string Passing = "passing";

    public bool IsPassing => string.Equals(Status, Passing, StringComparison.Ordinal);
}
