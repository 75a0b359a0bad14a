namespace Beamchain.Node.Healing;

/// <summary>
/// Which members leave when some pairs of members cannot reach each other directly although
/// every one of them is alive (a partial partition: a route or firewall between two hosts, each
/// still reaching a third). Proto.Cluster's gossip passes heartbeats around the gap, so nobody
/// is dropped, yet a request between the two fails: with the chain grain on one and the
/// dispenser on the other, the whole cluster stops mining. Every member reports whom it cannot
/// reach (<see cref="DirectReach"/>, through the gossip); all read the same reports, so all
/// reach the same verdict: the member in the most such pairs leaves, then the next, until no
/// pair is left; a tie goes to the greater member id. Only a member named acts, on itself: it
/// leaves, so the rest reach one another, and joins again once it reaches them.
/// </summary>
public static class ReachVerdict
{
    /// <param name="members">The member ids listed now.</param>
    /// <param name="reports">By member id: the members it has not reached for the limit. Reports by or about members not listed are ignored.</param>
    public static IReadOnlyList<string> Leavers(IReadOnlyCollection<string> members, IReadOnlyDictionary<string, IReadOnlyList<string>> reports)
    {
        var listed = members.ToHashSet(StringComparer.Ordinal);
        var pairs = reports
            .Where(r => listed.Contains(r.Key))
            .SelectMany(r => r.Value.Where(t => listed.Contains(t) && t != r.Key).Select(t => string.CompareOrdinal(r.Key, t) < 0 ? (r.Key, t) : (t, r.Key)))
            .ToHashSet();
        var leavers = new List<string>();
        while (pairs.Count > 0)
        {
            var leaver = pairs
                .SelectMany(p => new[] { p.Item1, p.Item2 })
                .GroupBy(m => m, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenByDescending(g => g.Key, StringComparer.Ordinal)
                .First().Key;
            leavers.Add(leaver);
            pairs.RemoveWhere(p => p.Item1 == leaver || p.Item2 == leaver);
        }

        return leavers;
    }
}
