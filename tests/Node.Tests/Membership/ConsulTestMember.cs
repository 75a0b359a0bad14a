using Beamchain.Node.Membership.Consul;
using Proto;
using Proto.Cluster;
using Proto.Cluster.Partition;
using Proto.Remote;
using Proto.Remote.GrpcNet;

namespace Beamchain.Node.Tests.Membership;

/// <summary>A real Proto.Cluster member on 127.0.0.1 and a free port, joined through <see cref="ConsulClusterProvider"/>.</summary>
public sealed class ConsulTestMember : IAsyncDisposable
{
    private const string Kind = "probe";

    private bool _stopped;

    private ConsulTestMember(ActorSystem system, ConsulClusterProvider provider)
    {
        System = system;
        Provider = provider;
    }

    public ActorSystem System { get; }

    public ConsulClusterProvider Provider { get; }

    public string Id => System.Id;

    /// <summary>The member ids this member's MemberList holds now, sorted.</summary>
    public string[] SeenMemberIds => System.Cluster().MemberList.GetAllMembers().Select(m => m.Id).Order(StringComparer.Ordinal).ToArray();

    public static async Task<ConsulTestMember> StartAsync(string clusterName, ConsulProviderConfig config)
    {
        var provider = new ConsulClusterProvider(config);
        var system = new ActorSystem()
            .WithRemote(RemoteConfig.BindTo("127.0.0.1"))
            .WithCluster(ClusterConfig
                .Setup(clusterName, provider, new PartitionIdentityLookup())
                .WithClusterKind(Kind, Props.FromFunc(_ => Task.CompletedTask)));
        await system.Cluster().StartMemberAsync();
        return new ConsulTestMember(system, provider);
    }

    /// <summary>Leaves the way a node does at <c>exit</c>: deregisters, so the others see it go at once.</summary>
    public async Task LeaveAsync()
    {
        _stopped = true;
        await System.Cluster().ShutdownAsync(graceful: true);
    }

    /// <summary>
    /// Stops the way only Consul can notice: no more TTL passes and no deregistration, while its endpoint stays open,
    /// as with a frozen or cut-off host. (A closed endpoint or a cluster shutdown, graceful or not, is noticed by
    /// Proto.Cluster itself within about a second, so it would not show the TTL at work.)
    /// </summary>
    public Task CrashAsync() => Provider.ShutdownAsync(graceful: false);

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await System.Cluster().ShutdownAsync(graceful: true);
        }
    }
}
