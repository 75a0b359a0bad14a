using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Membership.Consul;

/// <summary>
/// Says once that the agent cannot be reached, and once that it answers again — not once per
/// failed call (the TTL pass and the member watch each try every second). Shared by both loops.
/// </summary>
public sealed class ConsulReachability(Uri agent, ILogger logger)
{
    private readonly Lock _gate = new();
    private bool _unreachable;

    /// <summary>A call failed with <paramref name="error"/>; true when this is the first since the agent last answered.</summary>
    public bool Failed(string error)
    {
        lock (_gate)
        {
            if (_unreachable)
            {
                return false;
            }

            _unreachable = true;
        }

        logger.LogWarning("Consul agent at {Agent} cannot be reached ({Error}); keeping the last member view and mining on", agent, error);
        return true;
    }

    /// <summary>A call succeeded; true when the agent had been unreachable.</summary>
    public bool Answered()
    {
        lock (_gate)
        {
            if (!_unreachable)
            {
                return false;
            }

            _unreachable = false;
        }

        logger.LogWarning("Consul agent at {Agent} answers again", agent);
        return true;
    }
}
