using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Membership.Consul;

/// <summary>
/// Says once that the agent cannot be reached, and once that it answers again — not once per
/// failed call (the TTL pass and the member watch each try every second). Shared by both loops.
/// A call left hanging across a change — started before the agent last answered, or before it
/// last failed — says nothing new and is not counted.
/// </summary>
public sealed class ConsulReachability(Uri agent, TimeProvider time, ILogger logger)
{
    private readonly Lock _gate = new();
    private bool _unreachable;
    private long _answeredAt = long.MinValue;
    private long _failedAt = long.MinValue;

    /// <summary>Call before each call to the agent; pass the result to <see cref="Failed"/> if it fails.</summary>
    public long Starting() => time.GetTimestamp();

    /// <summary>A call started at <paramref name="startedAt"/> failed with <paramref name="error"/>; true when this is the first since the agent last answered.</summary>
    public bool Failed(long startedAt, string error)
    {
        lock (_gate)
        {
            if (_unreachable || startedAt < _answeredAt)
            {
                return false;
            }

            _unreachable = true;
            _failedAt = time.GetTimestamp();
        }

        logger.LogWarning("Consul agent at {Agent} cannot be reached ({Error}); keeping the last member view and mining on", agent, error);
        return true;
    }

    /// <summary>A call started at <paramref name="startedAt"/> succeeded; true when the agent had been unreachable.</summary>
    public bool Answered(long startedAt)
    {
        lock (_gate)
        {
            if (startedAt < _failedAt)
            {
                return false;
            }

            _answeredAt = time.GetTimestamp();
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
