namespace Beamchain.Node.Mining;

/// <summary>What the book made of a miner's report on a lease.</summary>
public enum LeaseOutcome
{
    /// <summary>The work was counted.</summary>
    Accepted,

    /// <summary>The lease had expired and its range went to the re-issue pool; the late work is not counted.</summary>
    Expired,

    /// <summary>No such lease (already settled, or never issued).</summary>
    Unknown,
}
