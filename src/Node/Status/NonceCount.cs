namespace Beamchain.Node.Status;

/// <summary>A number of nonces credited to one node (by name).</summary>
public sealed record NonceCount(string Node, ulong Nonces);
