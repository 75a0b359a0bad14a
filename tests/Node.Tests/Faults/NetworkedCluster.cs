using Beamchain.Harness;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Tests.Cluster;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Faults;

/// <summary>
/// The set-up of the healing tests whose nodes run in network namespaces on a bridge
/// (<see cref="NodeNetwork"/>; needs root and iproute2, which <c>.ci/run</c> installs): a
/// <see cref="HealedCluster"/> with seed or Consul membership, the Consul double then on the
/// bridge (every node reaches it unless its own link is cut), and everything removed after.
/// </summary>
public abstract class NetworkedCluster(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private ConsulDoubleProcess? _consul;
    private HealedCluster? _cluster;

    protected NodeNetwork Network { get; private set; } = null!;

    protected ITestOutputHelper Log { get; } = log;

    public Task InitializeAsync()
    {
        Network = NodeNetwork.Create();
        return Task.CompletedTask;
    }

    /// <summary>Starts the three nodes with <paramref name="membership"/>: <c>seed</c> or <c>consul</c>.</summary>
    protected async Task<HealedCluster> StartAsync(string membership)
    {
        if (membership == "consul")
        {
            _consul = new ConsulDoubleProcess(Path.Combine(AppContext.BaseDirectory, "Beamchain.ConsulDouble.dll"), Network.BridgeHost, FreePort.Next());
            await _consul.StartAsync();
            _cluster = await HealedCluster.StartConsulAsync(_dir.Path, _consul.Address, Log, Network);
        }
        else
        {
            _cluster = await HealedCluster.StartSeedAsync(_dir.Path, Log, Network);
        }

        return _cluster;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_consul is not null)
        {
            await _consul.DisposeAsync();
        }

        Network.Dispose();
        _dir.Dispose();
    }
}
