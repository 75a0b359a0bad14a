using System.Text.Json;
using Beamchain.Node.Membership.Consul;

namespace Beamchain.Node.Tests.Membership;

public class MemberRegistrationTests
{
    private static readonly ConsulProviderConfig Config = new ConsulProviderConfig()
        .WithServiceTtl(TimeSpan.FromSeconds(10))
        .WithDeregisterCriticalServiceAfter(TimeSpan.FromMinutes(1));

    [Fact]
    public void Service_id_names_cluster_system_and_endpoint_like_Proto_Cluster_Consul() =>
        Assert.Equal("beamchain-abc123@10.0.0.5:4020", MemberRegistration.ServiceId("beamchain", "abc123", "10.0.0.5", 4020));

    [Fact]
    public void Ttl_check_id_is_the_agents_name_for_a_service_check() =>
        Assert.Equal("service:beamchain-abc@h:1", MemberRegistration.TtlCheckId("beamchain-abc@h:1"));

    [Fact]
    public void Registration_serializes_to_the_agent_shape()
    {
        var registration = MemberRegistration.Create("beamchain", "abc123", "10.0.0.5", 4020, ["chain", "dispenser"], Config);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(registration));
        var root = json.RootElement;
        Assert.Equal("beamchain-abc123@10.0.0.5:4020", root.GetProperty("ID").GetString());
        Assert.Equal("beamchain", root.GetProperty("Name").GetString());
        Assert.Equal(["chain", "dispenser"], root.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("10.0.0.5", root.GetProperty("Address").GetString());
        Assert.Equal(4020, root.GetProperty("Port").GetInt32());
        Assert.Equal("abc123", root.GetProperty("Meta").GetProperty("id").GetString());
        Assert.Equal("10s", root.GetProperty("Check").GetProperty("TTL").GetString());
        Assert.Equal("1m", root.GetProperty("Check").GetProperty("DeregisterCriticalServiceAfter").GetString());
    }
}
