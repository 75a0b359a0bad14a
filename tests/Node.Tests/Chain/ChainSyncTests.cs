using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Chain;

public class ChainSyncTests
{
    private static ChainState NewChain(out MemoryChainStore store)
    {
        store = new MemoryChainStore();
        return new ChainState(store, ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
    }

    private static ChainState ChainOf(IEnumerable<Block> blocks)
    {
        var chain = NewChain(out _);
        foreach (var block in blocks)
        {
            Assert.True(chain.TryAppend(block).Changed);
        }

        return chain;
    }

    [Fact]
    public async Task A_node_that_was_down_fetches_the_blocks_it_lacks()
    {
        var blocks = TestMiner.Children(Genesis.Block, "a", "b", "c", "d");
        var peer = ChainOf(blocks);
        var behind = ChainOf(blocks.Take(1));

        var update = await new ChainSync(behind, batch: 2).CatchUpAsync(new ChainBlockSource(peer), peer.Height, null, CancellationToken.None);

        Assert.Equal(ChainUpdateOutcome.Extended, update.Outcome);
        Assert.Equal(peer.Tip.Hash, behind.Tip.Hash);
        Assert.Equal(blocks.Skip(1).Select(b => b.Hash), update.Added.Select(b => b.Hash));
    }

    [Fact]
    public async Task After_a_partition_both_sides_converge_on_the_chain_with_more_work()
    {
        var shared = TestMiner.Children(Genesis.Block, "shared");
        var longerButEasier = shared.Concat(TestMiner.Children(shared[^1], "x1", "x2")).ToArray();
        var harder = TestMiner.Child(shared[^1], "y1", TestMiner.BitsHarderThanMinimum(4)); // 4x the work of one block at the minimum
        var left = ChainOf(longerButEasier);
        var right = ChainOf(shared.Append(harder));

        var rightUpdate = await new ChainSync(right).CatchUpAsync(new ChainBlockSource(left), left.Height, null, CancellationToken.None);
        var leftUpdate = await new ChainSync(left).CatchUpAsync(new ChainBlockSource(right), right.Height, null, CancellationToken.None);

        Assert.Equal(ChainUpdateOutcome.Reorganized, leftUpdate.Outcome);
        Assert.Equal(ChainUpdateOutcome.LessWork, rightUpdate.Outcome);
        Assert.Equal(harder.Hash, left.Tip.Hash);
        Assert.Equal(harder.Hash, right.Tip.Hash);
    }

    [Fact]
    public async Task A_fork_deep_below_the_tip_is_found_by_probing_down()
    {
        var shared = TestMiner.Children(Genesis.Block, "s1", "s2");
        var mine = ChainOf(shared.Concat(TestMiner.Children(shared[^1], "m1", "m2", "m3", "m4", "m5")));
        var theirs = ChainOf(shared.Concat(TestMiner.Children(shared[^1], "t1", "t2", "t3", "t4", "t5", "t6")));

        var update = await new ChainSync(mine).CatchUpAsync(new ChainBlockSource(theirs), theirs.Height, null, CancellationToken.None);

        Assert.Equal(ChainUpdateOutcome.Reorganized, update.Outcome);
        Assert.Equal(theirs.Tip.Hash, mine.Tip.Hash);
    }

    [Theory]
    [InlineData("proof of work", BlockRejection.HashAboveTarget)]
    [InlineData("link", BlockRejection.PreviousHashMismatch)]
    [InlineData("target", BlockRejection.TargetEasierThanMinimum)]
    public async Task A_peers_tampered_block_is_rejected_with_its_reason_and_nothing_is_stored(string tampered, BlockRejection expected)
    {
        var blocks = TestMiner.Children(Genesis.Block, "a", "b", "c");
        var peer = ChainOf(blocks);
        var node = NewChain(out var store);
        Func<Block, Block> tamper = tampered switch
        {
            "proof of work" => b => b.Height == 2 ? Block.Create(b.Header with { Nonce = b.Header.Nonce + 1 }, b.Data) : b,
            "link" => b => b.Height == 2 ? TestMiner.Mine(b.Header with { PreviousHash = Hash256.Zero }, b.Data) : b,
            _ => b => b.Height == 2 ? TestMiner.Mine(b.Header with { Bits = TestMiner.BitsEasierThanMinimum(2) }, b.Data) : b,
        };

        var update = await new ChainSync(node).CatchUpAsync(new ChainBlockSource(peer, tamper), peer.Height, null, CancellationToken.None);

        Assert.Equal(ChainUpdateOutcome.Rejected, update.Outcome);
        Assert.Equal(expected, update.Verdict.Rejection);
        Assert.Contains("block 2", update.Message, StringComparison.Ordinal);
        Assert.Equal(0UL, node.Height);
        Assert.Empty(store.Blocks);
    }

    [Fact]
    public async Task A_synced_block_whose_data_does_not_match_its_header_is_refused_and_not_stored()
    {
        var blocks = TestMiner.Children(Genesis.Block, "a", "b", "c");
        var peer = ChainOf(blocks);
        var node = NewChain(out var store);

        // Block 2 keeps its real header (so every header checks out) but carries other data.
        var update = await new ChainSync(node, batch: 1).CatchUpAsync(
            new ChainBlockSource(peer, b => b.Height == 2 ? Block.Create(b.Header, "not what the header hashed", b.RequestId) : b), peer.Height, null, CancellationToken.None);

        Assert.Equal(ChainUpdateOutcome.Rejected, update.Outcome);
        Assert.Equal(BlockRejection.DataHashMismatch, update.Verdict.Rejection);
        Assert.Equal(blocks[0].Hash, node.Tip.Hash);
        Assert.Single(store.Blocks);
    }

    [Fact]
    public async Task A_block_that_is_not_the_one_its_checked_header_promised_is_refused()
    {
        var blocks = TestMiner.Children(Genesis.Block, "a", "b", "c");
        var peer = ChainOf(blocks);
        var other = TestMiner.Children(blocks[0], "b'");
        var node = NewChain(out var store);
        var liar = new SwapsBlocksAfterHeaders(new ChainBlockSource(peer), BlockRecord.Encode(other[0]));

        var update = await new ChainSync(node, batch: 1).CatchUpAsync(liar, peer.Height, null, CancellationToken.None);

        Assert.Equal(ChainUpdateOutcome.Rejected, update.Outcome);
        Assert.Contains("do not match its own headers", update.Message, StringComparison.Ordinal);
        Assert.Equal(blocks[0].Hash, node.Tip.Hash);
        Assert.Single(store.Blocks);
    }

    /// <summary>Serves true headers, then a valid block of another branch at height 2.</summary>
    private sealed class SwapsBlocksAfterHeaders(IBlockSource inner, byte[] recordAtTwo) : IBlockSource
    {
        public string Name => inner.Name;

        public Task<ReadOnlyMemory<byte>> ReadRecordsAsync(ulong from, int count, CancellationToken cancellationToken, long maxBytes = long.MaxValue) =>
            from == 2 ? Task.FromResult<ReadOnlyMemory<byte>>(recordAtTwo) : inner.ReadRecordsAsync(from, count, cancellationToken, maxBytes);

        public Task<ReadOnlyMemory<byte>> ReadHeadersAsync(ulong from, int count, CancellationToken cancellationToken) =>
            inner.ReadHeadersAsync(from, count, cancellationToken);
    }

    [Fact]
    public async Task An_announced_block_with_unknown_parents_arrives_with_them()
    {
        var blocks = TestMiner.Children(Genesis.Block, "a", "b", "c");
        var peer = ChainOf(blocks.Take(2));
        var node = NewChain(out _);

        var update = await new ChainSync(node).CatchUpAsync(new ChainBlockSource(peer), blocks[^1].Height - 1, blocks[^1], CancellationToken.None);

        Assert.Equal(ChainUpdateOutcome.Extended, update.Outcome);
        Assert.Equal(blocks[^1].Hash, node.Tip.Hash);
    }
}
