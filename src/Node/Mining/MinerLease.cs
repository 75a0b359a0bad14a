using Beamchain.Kernels.Search;

namespace Beamchain.Node.Mining;

/// <summary>A lease a <see cref="Miner"/> is hashing: its job, the token that fires when that job ends, and its range.</summary>
internal sealed record MinerLease(string JobId, SearchJob Job, CancellationToken JobEnded, ulong LeaseId, NonceRange Range);
