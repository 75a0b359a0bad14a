using Beamchain.Kernels.Header;

namespace Beamchain.Kernels.Search;

/// <summary>What to search: a header (its nonce is ignored) and the target a hash must not exceed.</summary>
public sealed record SearchJob(BlockHeader Template, Hash256 Target);
