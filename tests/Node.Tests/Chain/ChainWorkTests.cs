using System.Numerics;
using Beamchain.Node.Chain;

namespace Beamchain.Node.Tests.Chain;

public class ChainWorkTests
{
    // Runs of equal targets with changes between them, across several strides.
    private static readonly uint[] Bits = Enumerable.Range(0, 3 * ChainWork.Stride + 77)
        .Select(h => (h / 700 % 3) switch { 0 => Genesis.Header.Bits, 1 => TestMiner.BitsHarderThanMinimum(4), _ => TestMiner.BitsHarderThanMinimum(2) })
        .ToArray();

    private static BigInteger PlainSum(int upTo) => Bits.Take(upTo + 1).Aggregate(BigInteger.Zero, (sum, bits) => sum + Block.WorkOf(bits));

    private static ChainWork Counted(int blocks)
    {
        var work = new ChainWork(h => Bits[h]);
        foreach (var bits in Bits.Take(blocks))
        {
            work.Push(bits);
        }

        return work;
    }

    [Fact]
    public void Total_and_work_up_to_any_height_equal_the_plain_sum_of_each_blocks_work()
    {
        var work = Counted(Bits.Length);

        Assert.Equal(PlainSum(Bits.Length - 1), work.Total);
        foreach (var height in new[] { 0, 1, 699, 700, 1023, 1024, 2500, Bits.Length - 1 })
        {
            Assert.Equal(PlainSum(height), work.UpTo((ulong)height));
        }
    }

    [Fact]
    public void After_a_truncation_the_total_is_that_of_the_blocks_kept_and_counting_goes_on_from_there()
    {
        var work = Counted(Bits.Length);

        work.Truncate(1500);
        Assert.Equal(PlainSum(1499), work.Total);
        foreach (var bits in Bits.Skip(1500))
        {
            work.Push(bits);
        }

        Assert.Equal(PlainSum(Bits.Length - 1), work.Total);
        Assert.Equal(PlainSum(2100), work.UpTo(2100));
    }
}
