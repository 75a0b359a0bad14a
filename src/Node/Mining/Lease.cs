using Beamchain.Kernels.Search;

namespace Beamchain.Node.Mining;

/// <summary>
/// A nonce range of one job held by one miner until <see cref="ExpiresAt"/>. A range issued
/// again names where it came from in <see cref="Reissued"/>. Both times are timestamps of the
/// book's monotonic clock (<see cref="TimeProvider.GetTimestamp"/>), so a step of the system
/// clock neither expires every lease at once nor keeps a dead miner's for the size of the step.
/// </summary>
public sealed record Lease(ulong Id, string Node, string Miner, NonceRange Range, long IssuedAt, long ExpiresAt)
{
    public ReturnedRange? Reissued { get; init; }
}
