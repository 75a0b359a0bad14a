namespace Beamchain.Node.Membership.Consul;

/// <summary>
/// Tells whether a Consul agent answers at the configured address, for <c>--cluster auto</c>: Consul when it does,
/// a single node when it does not. Asks <c>GET /v1/status/leader</c>, the agent's cheapest call.
/// </summary>
public sealed class ConsulAgentProbe(TimeSpan timeout)
{
    /// <summary>How long <c>--cluster auto</c> waits for an agent.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    public ConsulAgentProbe()
        : this(DefaultTimeout)
    {
    }

    public async Task<ConsulProbeResult> ProbeAsync(ConsulProviderConfig config, CancellationToken cancellationToken = default)
    {
        using var client = new ConsulAgentClient(config.WithRequestTimeout(timeout));
        try
        {
            var leader = await client.GetLeaderAsync(cancellationToken).ConfigureAwait(false);
            var described = leader.Length > 0 ? $"leader {leader}" : "no leader elected yet";
            return new ConsulProbeResult(true, $"Consul agent at {config.Address} answered ({described})");
        }
        catch (ConsulAgentException e)
        {
            return new ConsulProbeResult(false, e.Message);
        }
    }
}
