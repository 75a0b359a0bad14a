using System.Numerics;
using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Chain;

public class DifficultyPolicyTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private readonly DifficultyPolicy _policy = new(ChainRules.Default);
    private readonly BlockValidator _validator = new(ChainRules.Default, new FakeTimeProvider(TestMiner.Now));

    [Fact]
    public void Targets_the_block_time_at_the_measured_rate()
    {
        // 2^20 hashes in 5 s: a 20-bit target. The parent sits at 20 bits, so nothing clamps.
        var parent = ParentWithBits(TestMiner.BitsHarderThanMinimum(16));

        var bits = _policy.NextBits(parent, (1 << 20) / 5.0, TimeSpan.FromSeconds(5));

        Assert.Equal(20.0, Difficulty(bits), precision: 3);
        Assert.True(CompactTarget.ExpectedHashes(CompactTarget.Decode(bits)) >= 1 << 20);
    }

    [Fact]
    public void A_longer_block_time_makes_blocks_harder()
    {
        var parent = ParentWithBits(TestMiner.BitsHarderThanMinimum(16));

        var fast = _policy.NextBits(parent, 1e6, TimeSpan.FromSeconds(1));
        var slow = _policy.NextBits(parent, 1e6, TimeSpan.FromSeconds(2));

        Assert.Equal(1.0, Difficulty(slow) - Difficulty(fast), precision: 3);
    }

    [Fact]
    public void Clamps_to_four_times_harder_than_the_parent()
    {
        var bits = _policy.NextBits(Genesis.Block, 1e15, OneSecond);

        Assert.Equal(TestMiner.BitsHarderThanMinimum(4), bits);
        Assert.Equal(18.0, Difficulty(bits), precision: 3);
    }

    [Fact]
    public void Clamps_to_four_times_easier_than_the_parent()
    {
        var parent = ParentWithBits(TestMiner.BitsHarderThanMinimum(64));

        var bits = _policy.NextBits(parent, 1, OneSecond);

        Assert.Equal(TestMiner.BitsHarderThanMinimum(16), bits);
    }

    [Fact]
    public void Is_never_easier_than_the_network_minimum()
    {
        var bits = _policy.NextBits(Genesis.Block, 1, OneSecond);

        Assert.Equal(ChainRules.Default.MinimumBits, bits);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Keeps_the_parents_target_without_a_usable_measurement(double rate)
    {
        var parent = ParentWithBits(TestMiner.BitsHarderThanMinimum(8));

        Assert.Equal(parent.Header.Bits, _policy.NextBits(parent, rate, OneSecond));
    }

    [Theory]
    [InlineData(0x1e7fffffu)]
    [InlineData(0x1e123457u)]
    [InlineData(0x1d00ffffu)]
    [InlineData(0x1c654321u)]
    public void Its_bounds_survive_compact_rounding(uint parentBits)
    {
        // Parent targets whose quarter is not representable: rounding down would break the factor rule.
        var parent = ParentWithBits(parentBits);
        var rules = ChainRules.Default with { MinimumBits = 0x2100ffff };
        var policy = new DifficultyPolicy(rules);
        var validator = new BlockValidator(rules, new FakeTimeProvider(TestMiner.Now));

        foreach (var rate in new[] { 1e30, 1e-3 })
        {
            var bits = policy.NextBits(parent, rate, OneSecond);
            Assert.True(validator.IsWithinParentRange(parent.Target, CompactTarget.Decode(bits)), $"rate {rate}: 0x{bits:x8} is outside 4x of 0x{parentBits:x8}");
        }
    }

    [Fact]
    public void Its_choice_passes_validation_once_mined()
    {
        var bits = _policy.NextBits(Genesis.Block, 1 << 17, OneSecond);
        var block = TestMiner.Child(Genesis.Block, "retargeted", bits);

        Assert.True(_validator.Validate(Genesis.Block, block).IsValid);
        Assert.Equal(17.0, block.DifficultyBits, precision: 3);
    }

    private static Block ParentWithBits(uint bits) => Block.Create(Genesis.Header with { Height = 7, Bits = bits }, Genesis.Data);

    private static double Difficulty(uint bits) => CompactTarget.LeadingZeroBits(CompactTarget.Decode(bits));
}
