using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Tests;

public class NonceRangeTests
{
    [Fact]
    public void Splits_at_multiples_of_2_to_the_32()
    {
        var pieces = new NonceRange((1UL << 32) - 5, (1UL << 33) + 10).SplitAtHighWords().ToArray();
        Assert.Equal(
            [new NonceRange((1UL << 32) - 5, 5), new NonceRange(1UL << 32, 1UL << 32), new NonceRange(2UL << 32, 1UL << 32), new NonceRange(3UL << 32, 5)],
            pieces);
    }

    [Fact]
    public void May_end_at_the_last_nonce_but_not_wrap()
    {
        Assert.True(new NonceRange(ulong.MaxValue, 1).IsValid);
        Assert.False(new NonceRange(ulong.MaxValue, 2).IsValid);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonceRange(ulong.MaxValue - 1, 3).SplitAtHighWords().ToArray());
    }
}
