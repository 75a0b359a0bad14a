using Beamchain.Kernels.Search;

namespace Beamchain.Node.Mining;

/// <summary>A nonce range of one job held by one miner until <see cref="ExpiresAt"/>.</summary>
public sealed record Lease(ulong Id, string Node, string Miner, NonceRange Range, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
