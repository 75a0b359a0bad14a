namespace Beamchain.Node.Healing;

/// <summary>
/// Whether a member may drop (block) the members whose heartbeats expired: only when more
/// members stay than go, counting itself; on a tie, only the side holding the smallest member
/// id. Proto.Cluster's default drops them whatever their number, so after a partition both
/// sides block each other, and a blocked member reads its own id in the other side's block
/// list on the first connection and shuts down: the healed majority would stop. With this
/// rule the minority side drops nobody; it cannot mine meanwhile (its member list still names
/// the others), and once the network heals the others refuse it, so it knows it was dropped
/// and joins again as a new member. The price: a cluster that loses half or more of its
/// members to crashes at once waits for them to come back (a crash and a partition look alike
/// from inside).
/// </summary>
public static class ExpiryQuorum
{
    /// <param name="members">The member ids this member lists now, itself included.</param>
    /// <param name="expired">The ids among them whose heartbeats expired.</param>
    public static bool MayDrop(IReadOnlyCollection<string> members, IReadOnlyCollection<string> expired)
    {
        var staying = members.Except(expired, StringComparer.Ordinal).ToArray();
        var going = expired.Where(members.Contains).ToArray();
        if (staying.Length != going.Length)
        {
            return staying.Length > going.Length;
        }

        return going.Length == 0 || string.CompareOrdinal(staying.Min(StringComparer.Ordinal), going.Min(StringComparer.Ordinal)) < 0;
    }
}
