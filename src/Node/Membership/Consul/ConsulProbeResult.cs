namespace Beamchain.Node.Membership.Consul;

/// <summary>Whether a Consul agent answered, with a line fit for the node's first output line.</summary>
public sealed record ConsulProbeResult(bool Answered, string Description);
