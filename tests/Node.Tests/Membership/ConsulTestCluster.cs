using Beamchain.Node.Membership.Consul;

namespace Beamchain.Node.Tests.Membership;

/// <summary>Three <see cref="ConsulTestMember"/>s of one freshly named cluster, started together.</summary>
public sealed record ConsulTestCluster(string Name, ConsulTestMember[] Members) : IAsyncDisposable
{
    public static async Task<ConsulTestCluster> StartAsync(ConsulProviderConfig config)
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..8];
        var members = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ConsulTestMember.StartAsync(name, config)));
        return new ConsulTestCluster(name, members);
    }

    public async ValueTask DisposeAsync() => await Task.WhenAll(Members.Select(m => m.DisposeAsync().AsTask()));
}
