using Beamchain.ConsulDouble;

namespace Beamchain.Node.Tests.Membership;

/// <summary>The Consul double in this process, on a free port.</summary>
public sealed class DoubleTestAgent(ConsulDoubleServer server) : ConsulTestAgent
{
    public override Uri Address => server.BaseAddress;

    public static async Task<DoubleTestAgent> StartAsync() =>
        new(await ConsulDoubleServer.StartAsync(new ConsulDoubleOptions { Port = 0 }));

    public override ValueTask DisposeAsync() => server.DisposeAsync();
}
