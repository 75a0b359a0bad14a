namespace Beamchain.Node.Cluster;

/// <summary>
/// The address ↔ name map: each member puts its name in the cluster's gossip under
/// <see cref="GossipKey"/> when it joins, and a member list (addresses by member id) is joined
/// to those names by member id. A rejoined node is a new member id on the same address, so its
/// old entry simply has no member any more.
/// </summary>
public static class MemberNames
{
    public const string GossipKey = "beamchain.member-name";

    /// <param name="members">the member list: each member's id and address.</param>
    /// <param name="names">names by member id, as gossiped.</param>
    public static IReadOnlyList<NamedMember> Join(IEnumerable<(string Id, string Address)> members, IReadOnlyDictionary<string, MemberName> names) =>
        members
            .Select(m => new NamedMember(m.Address, names.TryGetValue(m.Id, out var name) ? name.Name : ""))
            .OrderBy(m => m.Address, StringComparer.Ordinal)
            .ToArray();
}
