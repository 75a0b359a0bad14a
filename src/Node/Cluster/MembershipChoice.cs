using Beamchain.Node.Membership.Consul;
using Proto.Cluster.Seed;

namespace Beamchain.Node.Cluster;

/// <summary>
/// Picks the cluster provider for <c>--cluster</c>: <c>consul</c> (our provider over the
/// agent's HTTP API), <c>seed</c> (Proto.Cluster's seed-node provider joining
/// <c>--seed</c>), <c>single</c> (a seed node with no seeds: alone, yet others may join it
/// with <c>--seed</c>), or <c>auto</c>: Consul when an agent answers within a second, else
/// the seed when one is given, else alone.
/// </summary>
public sealed class MembershipChoice(Func<ConsulProviderConfig, CancellationToken, Task<ConsulProbeResult>> probe)
{
    public MembershipChoice()
        : this((config, cancellationToken) => new ConsulAgentProbe().ProbeAsync(config, cancellationToken))
    {
    }

    public async Task<ClusterMembership> ChooseAsync(ClusterSettings settings, CancellationToken cancellationToken = default)
    {
        var consul = ConsulConfig(settings);
        switch (settings.Mode)
        {
            case ClusterMode.Consul:
                return Consul(consul, $"Consul agent at {consul.Address}");
            case ClusterMode.Seed when settings.Seed is { } seed:
                return Seed(seed, "");
            case ClusterMode.Seed:
                throw new ArgumentException("--cluster seed needs --seed host:port (the address of a running member)");
            case ClusterMode.Single:
                return Single("");
        }

        var answer = await probe(consul, cancellationToken);
        if (answer.Answered)
        {
            return Consul(consul, answer.Description);
        }

        var why = $" (no Consul: {answer.Description})";
        return settings.Seed is { } given ? Seed(given, why) : Single(why);
    }

    /// <summary>The agent address and token <paramref name="settings"/> give (the provider's other settings at their defaults).</summary>
    public static ConsulProviderConfig ConsulConfig(ClusterSettings settings)
    {
        var config = new ConsulProviderConfig().WithToken(settings.ConsulToken);
        return settings.ConsulAddress is { } address ? config.WithAddress(address) : config;
    }

    private static ClusterMembership Consul(ConsulProviderConfig config, string description) =>
        new(ClusterMode.Consul, new ConsulClusterProvider(config), $"membership: consul ({description})") { Rejoin = _ => new ConsulClusterProvider(config) };

    private static ClusterMembership Seed(SeedAddress seed, string why) =>
        new(ClusterMode.Seed, FixedServerSeedNode.JoinSeedNode(seed.Host, seed.Port), $"membership: seed node {seed}{why}")
        {
            Rejoin = known => new SeedNodeClusterProvider(new SeedNodeClusterProviderOptions(new KnownMemberSeeds([.. known, seed.ToString()]))),
        };

    private static ClusterMembership Single(string why) =>
        new(ClusterMode.Single, FixedServerSeedNode.StartSeedNode(), $"membership: single node{why}; others may join with --seed");
}
