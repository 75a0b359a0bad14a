using Beamchain.Node.Chain;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Tests.Chain;
using Beamchain.Node.Tests.Cluster;
using Proto;
using Proto.Cluster.Seed;

namespace Beamchain.Node.Tests.Faults;

/// <summary>A peer announcing a tampered block to a node's replica: refused with the rule it broke printed, never stored.</summary>
public class TamperedBlockTests
{
    [Theory]
    [InlineData("proof of work", "above its target")]
    [InlineData("link", "does not follow its parent")]
    [InlineData("target", "easier than the network minimum")]
    public async Task A_peers_tampered_block_is_refused_with_its_reason_and_never_stored(string tampered, string reason)
    {
        await using var node = await TestNode.StartAsync("node-t", new ClusterMembership(ClusterMode.Single, FixedServerSeedNode.StartSeedNode(), "single"), searchers: []);
        var valid = TestMiner.Child(Genesis.Block, "tampered");
        var block = tampered switch
        {
            "proof of work" => Block.Create(valid.Header with { Nonce = valid.Header.Nonce + 1 }, valid.Data),
            "link" => TestMiner.Mine(valid.Header with { Height = 5 }, valid.Data),
            _ => TestMiner.Mine(valid.Header with { Bits = TestMiner.BitsEasierThanMinimum(2) }, valid.Data),
        };
        var announced = new BlockAnnounced { Block = WireBlock.From(block), SourceAddress = "" };

        var answer = await node.Node.Cluster.System.Root.RequestAsync<BlockStored>(PID.FromAddress(node.Node.Address, ChainReplica.Name), announced, TimeSpan.FromSeconds(10));

        Assert.False(answer.Stored);
        Assert.Contains(reason, answer.Message, StringComparison.Ordinal);
        Assert.Contains(node.Output.Lines, l => l.StartsWith("refused blocks from", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(0UL, node.Node.Chain.Height);
    }

    [Fact]
    public async Task A_block_stamped_too_far_ahead_is_held_and_stored_once_it_no_longer_is()
    {
        await using var node = await TestNode.StartAsync("node-h", new ClusterMembership(ClusterMode.Single, FixedServerSeedNode.StartSeedNode(), "single"), searchers: []);
        var aheadBy = ChainRules.Default.MaxClockDrift + TimeSpan.FromSeconds(2);
        var block = TestMiner.Child(Genesis.Block, "early", h => h with { TimestampMs = (DateTimeOffset.UtcNow + aheadBy).ToUnixTimeMilliseconds() });
        var announced = new BlockAnnounced { Block = WireBlock.From(block), SourceAddress = "" };

        var answer = await node.Node.Cluster.System.Root.RequestAsync<BlockStored>(PID.FromAddress(node.Node.Address, ChainReplica.Name), announced, TimeSpan.FromSeconds(10));

        Assert.False(answer.Stored);
        Assert.Contains(node.Output.Lines, l => l.StartsWith("holding block 1 from this node", StringComparison.Ordinal));
        await Eventually.WithinAsync(node.Node.WhenHeightAsync(1).ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(30), "the held block to be stored");
        Assert.Equal(block.Hash, node.Node.Chain.Tip.Hash);
    }
}
