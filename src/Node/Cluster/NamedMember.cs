namespace Beamchain.Node.Cluster;

/// <summary>A member's address and the name it gossiped; the name is empty until its gossip arrives.</summary>
public sealed record NamedMember(string Address, string Name);
