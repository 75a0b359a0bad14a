using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;
using Beamchain.Node.Mining;

namespace Beamchain.Node.Grid;

/// <summary>One range given to one volunteer: a sub-lease of a <see cref="HeldLease"/>, with the share target fixed when it was sent.</summary>
public sealed class GridWork(long id, string jobId, HeldLease held, Lease subLease, Hash256 shareTarget)
{
    public long Id { get; } = id;

    public string JobId { get; } = jobId;

    public HeldLease Held { get; } = held;

    public Lease SubLease { get; } = subLease;

    public NonceRange Range => SubLease.Range;

    public Hash256 ShareTarget { get; } = shareTarget;

    /// <summary>
    /// The volunteer's cumulative <c>done</c> count. A claim: it moves no rate or lease size; it
    /// counts in a block's figures once the volunteer has passed an audit (<see cref="Credited"/>),
    /// or when the block is solved while this work is the next unfinished one of its lease
    /// (<see cref="GridPool"/>'s hashed prefix).
    /// </summary>
    public ulong Hashed { get; set; }

    /// <summary>How many nonces from the start have gone to the dispenser as counted (progress reports, then the finished rest).</summary>
    public ulong Credited { get; set; }

    /// <summary>Accepted shares' nonces: a duplicate is refused, and an audit checks that none is missing.</summary>
    public HashSet<ulong> Shares { get; } = [];

    /// <summary>Finished, handed back or expired: no longer one of the volunteer's two outstanding works.</summary>
    public bool Settled { get; set; }
}
