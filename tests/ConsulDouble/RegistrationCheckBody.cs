namespace Beamchain.ConsulDouble;

/// <summary>The <c>Check</c> of a registration; only TTL checks are served.</summary>
public sealed class RegistrationCheckBody
{
    public string? TTL { get; set; }

    public string? DeregisterCriticalServiceAfter { get; set; }
}
