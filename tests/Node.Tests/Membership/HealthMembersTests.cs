using Beamchain.Node.Membership.Consul;

namespace Beamchain.Node.Tests.Membership;

public class HealthMembersTests
{
    // Shaped like a real agent's answer: node serfHealth check plus the service's TTL check.
    private const string TwoMembers = """
        [
          {"Node":{"ID":"n","Node":"host-a","Address":"10.0.0.9","Datacenter":"dc1"},
           "Service":{"ID":"beamchain-sysB@10.0.0.2:4020","Service":"beamchain","Tags":["dispenser"],"Address":"10.0.0.2","Port":4020,"Meta":{"id":"sysB"}},
           "Checks":[{"CheckID":"serfHealth","Status":"passing","ServiceID":""},
                     {"CheckID":"service:beamchain-sysB@10.0.0.2:4020","Status":"passing","ServiceID":"beamchain-sysB@10.0.0.2:4020"}]},
          {"Node":{"Node":"host-a","Address":"10.0.0.9"},
           "Service":{"ID":"beamchain-sysA@10.0.0.1:4020","Service":"beamchain","Tags":["chain","dispenser"],"Address":"10.0.0.1","Port":4020,"Meta":{"id":"sysA","other":"x"}},
           "Checks":[{"CheckID":"serfHealth","Status":"passing","ServiceID":""},
                     {"CheckID":"service:beamchain-sysA@10.0.0.1:4020","Status":"passing","ServiceID":"beamchain-sysA@10.0.0.1:4020"}]}
        ]
        """;

    [Fact]
    public void Parses_an_agent_answer_into_members_ordered_by_system_id()
    {
        var members = HealthMembers.Alive(ConsulAgentClient.ParseHealthEntries(TwoMembers));

        Assert.Collection(
            members,
            a =>
            {
                Assert.Equal("sysA", a.Id);
                Assert.Equal("10.0.0.1", a.Host);
                Assert.Equal(4020, a.Port);
                Assert.Equal(["chain", "dispenser"], a.Kinds);
            },
            b =>
            {
                Assert.Equal(("sysB", "10.0.0.2"), (b.Id, b.Host));
                Assert.Equal(["dispenser"], b.Kinds);
            });
    }

    [Fact]
    public void Leaves_out_a_member_with_any_check_not_passing()
    {
        var entries = ConsulAgentClient.ParseHealthEntries(TwoMembers.Replace(
            "\"service:beamchain-sysB@10.0.0.2:4020\",\"Status\":\"passing\"",
            "\"service:beamchain-sysB@10.0.0.2:4020\",\"Status\":\"critical\""));

        Assert.Equal(["sysA"], HealthMembers.Alive(entries).Select(m => m.Id));
    }

    [Fact]
    public void Uses_the_node_address_when_the_service_has_none()
    {
        var entries = ConsulAgentClient.ParseHealthEntries(TwoMembers.Replace("\"Address\":\"10.0.0.2\"", "\"Address\":\"\""));

        Assert.Equal("10.0.0.9", HealthMembers.Alive(entries).Single(m => m.Id == "sysB").Host);
    }

    [Fact]
    public void Leaves_out_services_not_registered_by_a_cluster_member()
    {
        var entries = ConsulAgentClient.ParseHealthEntries(TwoMembers.Replace("\"Meta\":{\"id\":\"sysB\"}", "\"Meta\":null"));

        Assert.Equal(["sysA"], HealthMembers.Alive(entries).Select(m => m.Id));
    }

    [Fact]
    public void Reads_null_tags_as_no_kinds()
    {
        var entries = ConsulAgentClient.ParseHealthEntries(TwoMembers.Replace("\"Tags\":[\"dispenser\"]", "\"Tags\":null"));

        Assert.Empty(HealthMembers.Alive(entries).Single(m => m.Id == "sysB").Kinds);
    }

    [Fact]
    public void An_unreadable_answer_is_an_agent_error_with_the_body() =>
        Assert.Equal("{\"not\":\"an array\"}", Assert.Throws<ConsulAgentException>(
            () => ConsulAgentClient.ParseHealthEntries("{\"not\":\"an array\"}")).ResponseBody);
}
