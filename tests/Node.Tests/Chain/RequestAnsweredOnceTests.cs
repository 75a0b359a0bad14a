using Beamchain.Node.Chain;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Chain;

/// <summary>A request id is answered by at most one block of a chain, however two chain grains raced for it.</summary>
public class RequestAnsweredOnceTests
{
    private readonly ChainState _chain = new(new MemoryChainStore(), ChainRules.Default, new FakeTimeProvider(TestMiner.Now));

    [Fact]
    public void A_block_answering_a_request_the_chain_already_answers_is_refused()
    {
        var first = Answering(TestMiner.Child(Genesis.Block, "hello"), "r1");
        Assert.Equal(ChainUpdateOutcome.Extended, _chain.TryAppend(first).Outcome);

        var again = _chain.TryAppend(Answering(TestMiner.Child(first, "hello"), "r1"));

        Assert.Equal(ChainUpdateOutcome.Rejected, again.Outcome);
        Assert.Contains("block 2 answers request r1, which block 1 below it already answers", again.Message, StringComparison.Ordinal);
        Assert.Equal(1UL, _chain.Height);
    }

    [Fact]
    public void A_branch_answering_one_request_twice_is_refused_whole()
    {
        var one = Answering(TestMiner.Child(Genesis.Block, "x"), "r1");
        var two = Answering(TestMiner.Child(one, "x"), "r1");

        Assert.Equal(ChainUpdateOutcome.Rejected, _chain.TryAdopt([one, two]).Outcome);
        Assert.Equal(0UL, _chain.Height);
    }

    [Fact]
    public void A_branch_replacing_the_block_that_answered_a_request_may_answer_it_again()
    {
        var mainBlock = Answering(TestMiner.Child(Genesis.Block, "x"), "r1");
        _chain.TryAppend(mainBlock);
        var branch = TestMiner.Children(Genesis.Block, "y", "x").ToArray();
        branch[1] = Answering(branch[1], "r1");

        var update = _chain.TryAdopt(branch);

        Assert.Equal(ChainUpdateOutcome.Reorganized, update.Outcome);
        Assert.True(_chain.TryGetRequestHeight("r1", out var height));
        Assert.Equal(2UL, height);
    }

    private static Block Answering(Block block, string requestId) => Block.Create(block.Header, block.Data, requestId);
}
