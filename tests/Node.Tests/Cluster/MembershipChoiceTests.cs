using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Membership.Consul;

namespace Beamchain.Node.Tests.Cluster;

public class MembershipChoiceTests
{
    private static MembershipChoice Probing(bool answered) =>
        new((_, _) => Task.FromResult(new ConsulProbeResult(answered, answered ? "agent answered" : "connection refused")));

    [Fact]
    public async Task Auto_uses_consul_when_the_agent_answers_even_with_a_seed_given()
    {
        var membership = await Probing(true).ChooseAsync(new ClusterSettings { Seed = new SeedAddress("127.0.0.1", 4020) });

        Assert.Equal(ClusterMode.Consul, membership.Mode);
        Assert.IsType<ConsulClusterProvider>(membership.Provider);
    }

    [Fact]
    public async Task Auto_falls_back_to_the_seed_then_to_a_single_node_and_says_why()
    {
        var seeded = await Probing(false).ChooseAsync(new ClusterSettings { Seed = new SeedAddress("10.0.0.5", 4021) });
        var alone = await Probing(false).ChooseAsync(new ClusterSettings());

        Assert.Equal(ClusterMode.Seed, seeded.Mode);
        Assert.Contains("10.0.0.5:4021", seeded.Description, StringComparison.Ordinal);
        Assert.Equal(ClusterMode.Single, alone.Mode);
        Assert.Contains("connection refused", alone.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explicit_mode_does_not_probe()
    {
        var choice = new MembershipChoice((_, _) => throw new InvalidOperationException("must not probe"));

        Assert.Equal(ClusterMode.Single, (await choice.ChooseAsync(new ClusterSettings { Mode = ClusterMode.Single })).Mode);
        Assert.Equal(ClusterMode.Consul, (await choice.ChooseAsync(new ClusterSettings { Mode = ClusterMode.Consul })).Mode);
        await Assert.ThrowsAsync<ArgumentException>(() => choice.ChooseAsync(new ClusterSettings { Mode = ClusterMode.Seed }));
    }
}
