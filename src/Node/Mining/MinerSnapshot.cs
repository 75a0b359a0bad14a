using Beamchain.Kernels.Search;

namespace Beamchain.Node.Mining;

/// <summary>
/// A miner as <c>status</c> shows it. <see cref="Busy"/> is time spent inside the searcher;
/// <see cref="Active"/> spans each job from its first lease to its last hash, so
/// <c>1 − Busy/Active</c> is the share of time the device waited between leases.
/// </summary>
public sealed record MinerSnapshot(
    string Name,
    DeviceKind Kind,
    double Rate,
    string? JobId,
    NonceRange? Lease,
    ulong Hashed,
    TimeSpan Busy,
    TimeSpan Active)
{
    public double IdleShare => Active <= TimeSpan.Zero ? 0 : Math.Max(0, 1 - (Busy / Active));
}
