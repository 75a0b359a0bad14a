using Beamchain.Node.Cluster;

namespace Beamchain.Node.Tests.Cluster;

public sealed class MemberNamesTests
{
    [Fact]
    public void Members_get_the_name_gossiped_under_their_member_id_and_no_name_before_it_arrives()
    {
        var names = new Dictionary<string, MemberName>
        {
            ["id-b"] = new() { Name = "node-b" },
            ["id-a"] = new() { Name = "node-a" },
            ["id-old"] = new() { Name = "node-a" }, // node-a before it rejoined as id-a
        };

        var members = MemberNames.Join([("id-b", "127.0.0.1:4021"), ("id-a", "127.0.0.1:4020"), ("id-c", "127.0.0.1:4022")], names);

        Assert.Equal([new NamedMember("127.0.0.1:4020", "node-a"), new NamedMember("127.0.0.1:4021", "node-b"), new NamedMember("127.0.0.1:4022", "")], members);
    }
}
