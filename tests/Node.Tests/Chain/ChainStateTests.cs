using Beamchain.Node.Chain;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Chain;

public class ChainStateTests
{
    private readonly MemoryChainStore _store = new();
    private readonly ChainState _chain;

    public ChainStateTests() => _chain = new ChainState(_store, ChainRules.Default, new FakeTimeProvider(TestMiner.Now));

    [Fact]
    public void Starts_at_genesis_with_its_work()
    {
        Assert.Same(Genesis.Block, _chain.Tip);
        Assert.Equal(0UL, _chain.Height);
        Assert.Equal(Genesis.Block.Work, _chain.TotalWork);
    }

    [Fact]
    public void Appends_a_valid_child_to_memory_and_store()
    {
        var block = TestMiner.Child(Genesis.Block, "one");

        var update = _chain.TryAppend(block);

        Assert.Equal(ChainUpdateOutcome.Extended, update.Outcome);
        Assert.Same(block, _chain.Tip);
        Assert.Equal([block], _store.Blocks);
        Assert.Equal(Genesis.Block.Work + block.Work, _chain.TotalWork);
    }

    [Fact]
    public void Refuses_an_invalid_block_and_changes_nothing()
    {
        var bad = TestMiner.Child(Genesis.Block, "early", h => h with { TimestampMs = Genesis.TimestampMs - 1 });

        var update = _chain.TryAppend(bad);

        Assert.Equal(ChainUpdateOutcome.Rejected, update.Outcome);
        Assert.Equal(BlockRejection.TimestampBeforeParent, update.Verdict.Rejection);
        Assert.Equal(0UL, _chain.Height);
        Assert.Empty(_store.Blocks);
    }

    [Fact]
    public void A_block_offered_twice_is_already_known()
    {
        var block = TestMiner.Child(Genesis.Block, "once");
        _chain.TryAppend(block);

        Assert.Equal(ChainUpdateOutcome.AlreadyKnown, _chain.TryAppend(block).Outcome);
        Assert.Single(_store.Blocks);
    }

    [Fact]
    public void A_block_whose_parent_is_unknown_asks_for_ancestors()
    {
        var first = TestMiner.Child(Genesis.Block, "first");
        var second = TestMiner.Child(first, "second");

        Assert.Equal(ChainUpdateOutcome.UnknownParent, _chain.TryAppend(second).Outcome);
        Assert.Equal(ChainUpdateOutcome.Extended, _chain.TryAdopt([first, second]).Outcome);
        Assert.Equal(2UL, _chain.Height);
    }

    [Fact]
    public void A_shorter_branch_with_more_work_replaces_the_main_chain()
    {
        var main = TestMiner.Children(Genesis.Block, "a1", "a2", "a3");
        _chain.TryAdopt(main);
        // One block four times harder than each of the three it replaces.
        var heavy = TestMiner.Child(Genesis.Block, "b1", TestMiner.BitsHarderThanMinimum(4));
        Assert.True(heavy.Work > main.Aggregate(System.Numerics.BigInteger.Zero, (sum, b) => sum + b.Work));

        var update = _chain.TryAppend(heavy);

        Assert.Equal(ChainUpdateOutcome.Reorganized, update.Outcome);
        Assert.Equal(main, update.Removed);
        Assert.Equal([heavy], update.Added);
        Assert.Same(heavy, _chain.Tip);
        Assert.Equal(Genesis.Block.Work + heavy.Work, _chain.TotalWork);
        Assert.Equal([heavy], _store.Blocks);
        Assert.False(_chain.TryGetHeight(main[1].Hash, out _));
        Assert.True(_chain.TryGetHeight(heavy.Hash, out var height) && height == 1);
    }

    [Fact]
    public void A_longer_branch_with_less_work_is_not_adopted()
    {
        var heavy = TestMiner.Child(Genesis.Block, "b1", TestMiner.BitsHarderThanMinimum(4));
        _chain.TryAppend(heavy);

        var update = _chain.TryAdopt(TestMiner.Children(Genesis.Block, "a1", "a2", "a3"));

        Assert.Equal(ChainUpdateOutcome.LessWork, update.Outcome);
        Assert.Same(heavy, _chain.Tip);
        Assert.Equal([heavy], _store.Blocks);
    }

    [Fact]
    public void Equal_work_keeps_the_chain_seen_first()
    {
        var first = TestMiner.Child(Genesis.Block, "first seen");
        _chain.TryAppend(first);

        var update = _chain.TryAppend(TestMiner.Child(Genesis.Block, "second seen"));

        Assert.Equal(ChainUpdateOutcome.LessWork, update.Outcome);
        Assert.Same(first, _chain.Tip);
    }

    [Fact]
    public void A_branch_from_a_common_ancestor_above_genesis_keeps_the_shared_blocks()
    {
        var shared = TestMiner.Child(Genesis.Block, "shared");
        var main = TestMiner.Children(shared, "a2", "a3");
        _chain.TryAdopt([shared, .. main]);
        var branch = TestMiner.Children(shared, "b2", "b3", "b4");

        // Offered from the shared block: it is skipped, the ancestor found.
        var update = _chain.TryAdopt([shared, .. branch]);

        Assert.Equal(ChainUpdateOutcome.Reorganized, update.Outcome);
        Assert.Equal([shared, .. branch], _store.Blocks);
        Assert.Equal(4UL, _chain.Height);
    }

    [Fact]
    public void A_branch_with_an_invalid_block_is_refused_whole()
    {
        var main = TestMiner.Children(Genesis.Block, "a1");
        _chain.TryAdopt(main);
        var good = TestMiner.Child(Genesis.Block, "b1");
        var bad = Block.Create(TestMiner.Child(good, "b2").Header, "tampered");
        var after = TestMiner.Child(bad, "b3");

        var update = _chain.TryAdopt([good, bad, after]);

        Assert.Equal(ChainUpdateOutcome.Rejected, update.Outcome);
        Assert.Equal(BlockRejection.DataHashMismatch, update.Verdict.Rejection);
        Assert.Equal(main, _store.Blocks);
    }

    [Fact]
    public void The_valid_prefix_of_a_branch_is_taken_and_the_block_too_far_ahead_is_named()
    {
        var first = TestMiner.Child(Genesis.Block, "b1");
        var ahead = TestMiner.Child(first, "b2", h => h with { TimestampMs = (TestMiner.Now + ChainRules.Default.MaxClockDrift + TimeSpan.FromSeconds(1)).ToUnixTimeMilliseconds() });

        var update = _chain.TryAdopt([first, ahead]);

        Assert.Equal(ChainUpdateOutcome.Extended, update.Outcome);
        Assert.Equal([first], update.Added);
        Assert.Equal(BlockRejection.TimestampTooFarAhead, update.Verdict.Rejection);
        Assert.Equal([first], _store.Blocks);
    }

    [Fact]
    public void Reads_ranges_of_the_main_chain()
    {
        var blocks = TestMiner.Children(Genesis.Block, "a1", "a2", "a3");
        _chain.TryAdopt(blocks);

        Assert.Equal([blocks[0], blocks[1]], _chain.GetRange(1, 2));
        Assert.Equal([blocks[2]], _chain.GetRange(3, 10));
        Assert.Empty(_chain.GetRange(4, 1));
        Assert.True(_chain.TryGetBlock(2, out var second) && second == blocks[1]);
    }

    [Fact]
    public void Loads_the_chain_its_store_holds()
    {
        _chain.TryAdopt(TestMiner.Children(Genesis.Block, "a1", "a2"));

        var reloaded = new ChainState(_store, ChainRules.Default, new FakeTimeProvider(TestMiner.Now));

        Assert.Equal(_chain.Tip, reloaded.Tip);
        Assert.Equal(_chain.TotalWork, reloaded.TotalWork);
    }

    [Fact]
    public void A_template_builds_on_the_tip_and_never_goes_back_in_time()
    {
        var tip = TestMiner.Child(Genesis.Block, "tip", h => h with { TimestampMs = TestMiner.Now.AddMinutes(1).ToUnixTimeMilliseconds() });
        _chain.TryAppend(tip);

        var template = _chain.CreateTemplate("next", ChainRules.Default.MinimumBits);

        Assert.Equal(2UL, template.Height);
        Assert.Equal(tip.Hash, template.PreviousHash);
        Assert.Equal(tip.TimestampMs, template.TimestampMs);
        Assert.True(_chain.Validator.Validate(tip, TestMiner.Mine(template, "next")).IsValid);
    }

    [Fact]
    public void A_template_refuses_data_over_the_limit()
    {
        var error = Assert.Throws<ArgumentException>(() => _chain.CreateTemplate(new string('x', Block.MaxDataBytes + 1), ChainRules.Default.MinimumBits));

        Assert.Contains("64 KiB", error.Message);
    }

    [Fact]
    public void Knows_which_main_chain_block_answers_a_request_until_a_reorganisation_removes_it()
    {
        var first = TestMiner.Child(Genesis.Block, "a");
        var withId = Block.Create(first.Header, first.Data, "request-1");
        _chain.TryAppend(withId);
        Assert.True(_chain.TryGetRequestHeight("request-1", out var height));
        Assert.Equal(1UL, height);

        var heavier = TestMiner.Child(Genesis.Block, "b", TestMiner.BitsHarderThanMinimum(4));
        Assert.Equal(ChainUpdateOutcome.Reorganized, _chain.TryAppend(heavier).Outcome);
        Assert.False(_chain.TryGetRequestHeight("request-1", out _));
    }
}
