using Beamchain.Kernels.Search;

namespace Beamchain.Node.Mining;

/// <summary>
/// A nonce range of one job held by one miner until <see cref="ExpiresAt"/>. A range issued
/// again names where it came from in <see cref="Reissued"/>.
/// </summary>
public sealed record Lease(ulong Id, string Node, string Miner, NonceRange Range, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public ReturnedRange? Reissued { get; init; }
}
