using Beamchain.Node.Chain;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Grid;
using Beamchain.Node.Tests.Cluster;

namespace Beamchain.Node.Tests.Grid;

/// <summary>
/// A single node that does not hash (like <c>--device none</c>) with a gateway on a free
/// loopback port: whatever is mined, volunteers mine it. Shares are made far easier than blocks
/// (<see cref="ShareHashes"/> hashes each) so a test can tell the two apart.
/// </summary>
public sealed class GridNode : IAsyncDisposable
{
    public const double ShareHashes = 1000;

    private GridNode(TestNode node, GridGateway gateway)
    {
        Node = node;
        Gateway = gateway;
    }

    public TestNode Node { get; }

    public GridGateway Gateway { get; }

    public Uri Address => Gateway.Address;

    public GridStatus Status => Gateway.Pool.Status();

    public static GridSettings Settings { get; } = new()
    {
        Host = "127.0.0.1",
        Port = 0,
        ShareInterval = TimeSpan.FromSeconds(1),
        InitialRate = ShareHashes,
        AuditFloor = 0,
        AuditTrustWorks = 0,
        MaxRefusedMessages = 100,
    };

    /// <summary>Blocks of 26 bits (1 in 67 million nonces) from block 1 on: a test's few works then almost never hold one.</summary>
    public static ChainRules HardBlocks { get; } = ChainRules.Default with { MinimumBits = 0x1d3fffff, MaxTargetFactor = 1024 };

    public static async Task<GridNode> StartAsync(string name, Func<GridSettings, GridSettings>? adjust = null, ChainRules? rules = null)
    {
        var node = await TestNode.StartAsync(name, SeedMembership.First(), searchers: [], rules: rules);
        try
        {
            var settings = adjust?.Invoke(Settings) ?? Settings;
            var gateway = await NodeGateway.OpenAsync(settings, node.Node, TimeProvider.System, node.Output.Logger("Beamchain.Grid"));
            return new GridNode(node, gateway);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Queues a block so a job runs; returns the request id.</summary>
    public async Task<string> MineAsync(string data)
    {
        var accepted = await Node.Node.MineAsync(data);
        Assert.True(accepted.Error.Length == 0, accepted.Error);
        return accepted.RequestId;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Node.DisposeAsync();
    }
}
