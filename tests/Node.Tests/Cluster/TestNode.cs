using Beamchain.Kernels.Search;
using Beamchain.Node.Chain;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Secret;
using Beamchain.Node.Tests.Mining;

namespace Beamchain.Node.Tests.Cluster;

/// <summary>A real node on 127.0.0.1 with its own port and data directory, printing into <see cref="Output"/>.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private TestNode(ClusterNode node, CapturedOutput output, string dataDirectory)
    {
        Node = node;
        Output = output;
        _dataDirectory = dataDirectory;
    }

    public ClusterNode Node { get; }

    public CapturedOutput Output { get; }

    public static async Task<TestNode> StartAsync(string name, ClusterMembership membership, TimeSpan? leaseTime = null, IReadOnlyList<INonceSearcher>? searchers = null, ClusterCookie? cookie = null, ChainRules? rules = null, ChainState? chain = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "beamchain-tests", $"{name}-{Guid.NewGuid():N}");
        var output = new CapturedOutput();
        var settings = new ClusterSettings
        {
            Host = "127.0.0.1",
            Port = 0,
            NodeName = name,
            LeaseTime = leaseTime ?? TimeSpan.FromMilliseconds(20),
            CalibrationNonces = 1024,
            Cookie = cookie,
        };
        chain ??= new ChainState(new MemoryChainStore(), rules ?? ChainRules.Default, TimeProvider.System);
        var node = await ClusterNode.StartAsync(
            settings,
            membership,
            chain,
            new PendingRequestStore(dataDirectory),
            searchers ?? [new TestSearcher("cpu0")],
            TimeSpan.FromSeconds(1),
            output,
            TimeProvider.System,
            TestLog.FactoryTo(output));
        return new TestNode(node, output, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await Node.ShutdownAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
