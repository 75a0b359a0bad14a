namespace Beamchain.ConsulDouble;

/// <summary>A TTL check's state, written on the wire in lower case as Consul does.</summary>
public enum CheckStatus
{
    Critical,
    Passing,
}
