using Proto.Cluster;

namespace Beamchain.Node.Membership.Consul;

/// <summary>Turns a health query's answer into the member list Proto.Cluster expects.</summary>
public static class HealthMembers
{
    /// <summary>
    /// Members whose checks all pass (the agent already filters with <c>passing=true</c>; checking again keeps a
    /// lenient agent from adding a dying member), ordered by id. Entries without the system id in Meta, i.e. not
    /// registered by a Proto.Cluster member, are left out.
    /// </summary>
    public static IReadOnlyList<Member> Alive(IEnumerable<HealthEntry> entries)
    {
        var members = new List<Member>();
        foreach (var entry in entries)
        {
            if (entry.Service is not { } service
                || service.Meta?.GetValueOrDefault(MemberRegistration.SystemIdMetaKey) is not { Length: > 0 } systemId
                || !(entry.Checks ?? []).All(c => c.IsPassing))
            {
                continue;
            }

            // Consul leaves Service.Address empty when the service was registered without one: the node's address applies.
            var host = string.IsNullOrEmpty(service.Address) ? entry.Node?.Address : service.Address;
            if (string.IsNullOrEmpty(host) || service.Port <= 0)
            {
                continue;
            }

            var member = new Member { Id = systemId, Host = host, Port = service.Port };
            member.Kinds.AddRange(service.Tags ?? []);
            members.Add(member);
        }

        members.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return members;
    }
}
