using Beamchain.Node.Chain;
using Beamchain.Node.Grains;
using Beamchain.Node.Tests.Chain;

namespace Beamchain.Node.Tests.Grains;

/// <summary>The replica's lines, worded apart from its state changes.</summary>
public class ReplicaLogTests
{
    private readonly StringWriter _output = new();

    private string[] Lines => _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<Block> Chain(int count)
    {
        var blocks = new List<Block>();
        var parent = Genesis.Block;
        for (var i = 1; i <= count; i++)
        {
            parent = TestMiner.Child(parent, $"block {i}");
            blocks.Add(parent);
        }

        return blocks;
    }

    [Fact]
    public void A_few_new_blocks_print_a_line_each_with_their_data_escaped()
    {
        var blocks = Chain(2);
        var update = new ChainUpdate(ChainUpdateOutcome.Extended, "") { Added = blocks };

        new ReplicaLog(_output).Update(update, "127.0.0.1:1");

        Assert.Equal([$"new block 1 {blocks[0].Hash} \"block 1\"", $"new block 2 {blocks[1].Hash} \"block 2\""], Lines);
    }

    [Fact]
    public void Many_new_blocks_print_one_line()
    {
        var update = new ChainUpdate(ChainUpdateOutcome.Extended, "") { Added = Chain(ReplicaLog.ManyBlocks + 1) };

        new ReplicaLog(_output).Update(update, "127.0.0.1:1");

        Assert.Equal(["new blocks 1..11 (11 blocks, fetched from 127.0.0.1:1)"], Lines);
    }

    [Fact]
    public void A_quiet_update_prints_no_block_but_still_a_refusal()
    {
        var update = new ChainUpdate(ChainUpdateOutcome.Rejected, "block 2: HashAboveTarget") { Added = Chain(1), Verdict = new BlockVerdict(BlockRejection.HashAboveTarget, "x") };

        new ReplicaLog(_output).Update(update, "", quiet: true);

        Assert.Equal(["refused blocks from this node: block 2: HashAboveTarget"], Lines);
    }

    [Fact]
    public void A_block_too_new_for_the_clock_is_not_yet_taken_rather_than_refused()
    {
        var update = new ChainUpdate(ChainUpdateOutcome.Rejected, "too far ahead") { Verdict = new BlockVerdict(BlockRejection.TimestampTooFarAhead, "x") };

        new ReplicaLog(_output).Update(update, "127.0.0.1:1");

        Assert.Equal(["not yet taking blocks from 127.0.0.1:1: too far ahead"], Lines);
    }

    [Fact]
    public void A_requeued_request_prints_the_grains_answer()
    {
        var log = new ReplicaLog(_output);
        var request = new MineRequest { RequestId = "r1", Data = "x" };

        log.RequeueAnswered(request, new MineAccepted { Place = 2 }, null);
        log.RequeueAnswered(request, new MineAccepted { Place = 0 }, null);
        log.RequeueAnswered(request, null, "timed out");

        Assert.Equal(["chain: request r1: queued at place 2", "chain: request r1: already in a main-chain block", "chain: request r1 could not be queued again: timed out"], Lines);
    }
}
