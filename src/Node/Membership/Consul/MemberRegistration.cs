namespace Beamchain.Node.Membership.Consul;

/// <summary>
/// How a cluster member appears in Consul: the same shape as Proto.Cluster.Consul, so both can share a cluster.
/// </summary>
public static class MemberRegistration
{
    /// <summary>Meta key holding the actor system id, which tells a restarted member on the same host:port apart.</summary>
    public const string SystemIdMetaKey = "id";

    public static string ServiceId(string clusterName, string systemId, string host, int port) =>
        $"{clusterName}-{systemId}@{host}:{port}";

    /// <summary>The id of the TTL check Consul creates with a service registration.</summary>
    public static string TtlCheckId(string serviceId) => "service:" + serviceId;

    public static ServiceRegistration Create(
        string clusterName, string systemId, string host, int port, IEnumerable<string> kinds, ConsulProviderConfig config) =>
        new(
            ServiceId(clusterName, systemId, host, port),
            clusterName,
            kinds.ToArray(),
            host,
            port,
            new Dictionary<string, string> { [SystemIdMetaKey] = systemId },
            new ServiceTtlCheck(GoDuration.Format(config.ServiceTtl), GoDuration.Format(config.DeregisterCriticalServiceAfter)));
}
