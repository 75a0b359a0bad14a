namespace Beamchain.ConsulDouble;

/// <summary>A service as registered through <c>PUT /v1/agent/service/register</c>, durations already read.</summary>
/// <param name="Ttl">The TTL of its one check; null registers no check, so the service always passes.</param>
/// <param name="DeregisterCriticalServiceAfter">How long it may stay critical before it is reaped; null: never.</param>
public sealed record ServiceDefinition(
    string Id,
    string Name,
    IReadOnlyList<string> Tags,
    string Address,
    int Port,
    IReadOnlyDictionary<string, string> Meta,
    TimeSpan? Ttl,
    TimeSpan? DeregisterCriticalServiceAfter)
{
    public string CheckId => "service:" + Id;
}
