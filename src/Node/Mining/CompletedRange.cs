namespace Beamchain.Node.Mining;

/// <summary>Nonces <c>[Start, Start + Count)</c> that <see cref="Node"/> reported hashed.</summary>
public readonly record struct CompletedRange(string Node, ulong Start, ulong Count);
