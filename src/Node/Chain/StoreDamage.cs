namespace Beamchain.Node.Chain;

/// <summary>
/// A stored block found unusable at start: its height, why, and where the file as found was
/// saved. The chain was kept up to the block before it.
/// </summary>
public sealed record StoreDamage(ulong Height, string Reason, string SavedCopy);
