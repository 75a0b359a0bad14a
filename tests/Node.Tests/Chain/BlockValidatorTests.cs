using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Chain;

public class BlockValidatorTests
{
    private static readonly Block Parent = Genesis.Block;
    private readonly FakeTimeProvider _clock = new(TestMiner.Now);

    private BlockValidator Validator(ChainRules? rules = null) => new(rules ?? ChainRules.Default, _clock);

    [Fact]
    public void Accepts_a_mined_child_of_genesis()
    {
        var verdict = Validator().Validate(Parent, TestMiner.Child(Parent, "hello"));

        Assert.True(verdict.IsValid, verdict.ToString());
    }

    [Fact]
    public void Refuses_an_unknown_version()
    {
        var block = TestMiner.Child(Parent, "v2", h => h with { Version = 2 });

        Assert.Equal(BlockRejection.UnknownVersion, Validator().Validate(Parent, block).Rejection);
    }

    [Fact]
    public void Refuses_a_height_that_is_not_the_parents_plus_one()
    {
        var block = TestMiner.Child(Parent, "skip", h => h with { Height = 2 });

        var verdict = Validator().Validate(Parent, block);

        Assert.Equal(BlockRejection.HeightNotNext, verdict.Rejection);
        Assert.Contains("height 2", verdict.Message);
    }

    [Fact]
    public void Refuses_a_previous_hash_that_is_not_the_parents()
    {
        var block = TestMiner.Child(Parent, "orphan", h => h with { PreviousHash = BlockHeader.HashData("elsewhere") });

        Assert.Equal(BlockRejection.PreviousHashMismatch, Validator().Validate(Parent, block).Rejection);
    }

    [Fact]
    public void Refuses_data_that_does_not_match_the_data_hash()
    {
        var mined = TestMiner.Child(Parent, "original");
        var swapped = Block.Create(mined.Header, "swapped");

        Assert.Equal(BlockRejection.DataHashMismatch, Validator().Validate(Parent, swapped).Rejection);
    }

    [Fact]
    public void Refuses_a_timestamp_before_the_parents()
    {
        var block = TestMiner.Child(Parent, "early", h => h with { TimestampMs = Parent.TimestampMs - 1 });

        Assert.Equal(BlockRejection.TimestampBeforeParent, Validator().Validate(Parent, block).Rejection);
    }

    [Fact]
    public void Accepts_a_timestamp_equal_to_the_parents()
    {
        var block = TestMiner.Child(Parent, "same ms", h => h with { TimestampMs = Parent.TimestampMs });

        Assert.True(Validator().Validate(Parent, block).IsValid);
    }

    [Fact]
    public void Refuses_a_timestamp_more_than_two_minutes_ahead_of_the_clock()
    {
        var limit = _clock.GetUtcNow().AddMinutes(2).ToUnixTimeMilliseconds();
        var atLimit = TestMiner.Child(Parent, "at limit", h => h with { TimestampMs = limit });
        var beyond = TestMiner.Child(Parent, "beyond", h => h with { TimestampMs = limit + 1 });

        Assert.True(Validator().Validate(Parent, atLimit).IsValid);
        Assert.Equal(BlockRejection.TimestampTooFarAhead, Validator().Validate(Parent, beyond).Rejection);
    }

    [Fact]
    public void Accepts_a_future_block_once_the_clock_catches_up()
    {
        var block = TestMiner.Child(Parent, "later", h => h with { TimestampMs = _clock.GetUtcNow().AddMinutes(3).ToUnixTimeMilliseconds() });
        Assert.Equal(BlockRejection.TimestampTooFarAhead, Validator().Validate(Parent, block).Rejection);

        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(Validator().Validate(Parent, block).IsValid);
    }

    [Fact]
    public void Refuses_bits_that_are_not_a_compact_target()
    {
        var block = Block.Create(TestMiner.Child(Parent, "bits").Header with { Bits = 0x1f80ffff }, "bits");

        Assert.Equal(BlockRejection.InvalidTarget, Validator().Validate(Parent, block).Rejection);
    }

    [Fact]
    public void Refuses_a_target_easier_than_the_network_minimum()
    {
        // Twice as easy as genesis: within the parent factor of 4, so only the minimum is broken.
        var block = TestMiner.Child(Parent, "easy", TestMiner.BitsEasierThanMinimum(2));

        Assert.Equal(BlockRejection.TargetEasierThanMinimum, Validator().Validate(Parent, block).Rejection);
    }

    [Fact]
    public void Refuses_a_target_more_than_four_times_easier_than_the_parents()
    {
        // A lower network minimum, so only the factor against the parent is broken.
        var rules = ChainRules.Default with { MinimumBits = TestMiner.BitsEasierThanMinimum(1024) };
        var fourTimes = TestMiner.Child(Parent, "x4", TestMiner.BitsEasierThanMinimum(4));
        var eightTimes = TestMiner.Child(Parent, "x8", TestMiner.BitsEasierThanMinimum(8));

        Assert.True(Validator(rules).Validate(Parent, fourTimes).IsValid);
        Assert.Equal(BlockRejection.TargetOutsideParentRange, Validator(rules).Validate(Parent, eightTimes).Rejection);
    }

    [Fact]
    public void Parent_range_is_exactly_a_factor_of_four_both_ways()
    {
        var validator = Validator();
        var parent = CompactTarget.ToBigInteger(Parent.Target);
        Hash256 Target(System.Numerics.BigInteger value) => CompactTarget.FromBigInteger(value);

        Assert.True(validator.IsWithinParentRange(Parent.Target, Target(parent / 4)));
        Assert.False(validator.IsWithinParentRange(Parent.Target, Target((parent / 4) - 1)));
        Assert.True(validator.IsWithinParentRange(Parent.Target, Target(parent * 4)));
        Assert.False(validator.IsWithinParentRange(Parent.Target, Target((parent * 4) + 1)));
    }

    [Fact]
    public void Refuses_a_hash_above_its_target()
    {
        var mined = TestMiner.Child(Parent, "unlucky");
        var nonce = mined.Header.Nonce + 1;
        while (mined.Header.WithNonce(nonce).Hash() <= mined.Target)
        {
            nonce++;
        }

        var block = Block.Create(mined.Header.WithNonce(nonce), "unlucky");

        var verdict = Validator().Validate(Parent, block);

        Assert.Equal(BlockRejection.HashAboveTarget, verdict.Rejection);
        Assert.Contains("above its target", verdict.Message);
    }
}
