namespace Beamchain.ConsulDouble;

/// <summary>The catalog's mutable record of one registered service and its TTL check.</summary>
internal sealed class ServiceState(ServiceDefinition definition, DateTimeOffset registeredAt)
{
    public ServiceDefinition Definition { get; } = definition;

    public CheckStatus? Status { get; set; } = definition.Ttl is null ? null : CheckStatus.Critical;

    /// <summary>When a passing check turns critical unless passed again.</summary>
    public DateTimeOffset PassingUntil { get; set; }

    /// <summary>When the check last turned critical; a new check is critical from its registration.</summary>
    public DateTimeOffset CriticalSince { get; set; } = registeredAt;

    public ServiceInstance ToInstance() => new(Definition, Status);
}
