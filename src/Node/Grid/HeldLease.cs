using Beamchain.Kernels.Search;
using Beamchain.Node.Mining;

namespace Beamchain.Node.Grid;

/// <summary>A lease the gateway holds from the dispenser, carved into volunteers' works by its own <see cref="LeaseBook"/>.</summary>
public sealed class HeldLease(ulong leaseId, NonceRange range, LeaseBook book)
{
    public ulong LeaseId { get; } = leaseId;

    public NonceRange Range { get; } = range;

    public LeaseBook Book { get; } = book;

    /// <summary>Reported to the dispenser (complete, handed back, or with a solution): nothing more goes to it.</summary>
    public bool Reported { get; set; }

    /// <summary>Volunteers' works finished, and audited volunteers' progress on open ones, since the last progress report: counted at the dispenser on the next tick, before the lease is done.</summary>
    public List<NonceRange> FinishedUnreported { get; } = [];
}
