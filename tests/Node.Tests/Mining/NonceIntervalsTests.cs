using Beamchain.Node.Mining;

namespace Beamchain.Node.Tests.Mining;

public class NonceIntervalsTests
{
    [Fact]
    public void Adding_reports_the_overlap_with_what_is_already_there()
    {
        var set = new NonceIntervals();

        Assert.Equal(0UL, set.Add(10, 20));
        Assert.Equal(0UL, set.Add(30, 40));
        Assert.Equal(0UL, set.Add(20, 30)); // touching both: merges into one
        Assert.Equal(1, set.IntervalCount);
        Assert.Equal(30UL, set.Total);

        Assert.Equal(10UL, set.Add(5, 15) + set.Add(35, 45)); // 5 + 5 already present
        Assert.Equal(40UL, set.Total);
        Assert.Equal(40UL, set.Add(0, 100));
        Assert.Equal(100UL, set.Total);
    }

    [Fact]
    public void Gaps_are_the_uncovered_parts_of_a_span_in_order()
    {
        var set = new NonceIntervals();
        set.Add(10, 20);
        set.Add(30, 40);

        Assert.Equal([(0UL, 10UL), (20UL, 30UL), (40UL, 50UL)], set.Gaps(0, 50));
        Assert.Equal([(20UL, 25UL)], set.Gaps(15, 25));
        Assert.Empty(set.Gaps(12, 18));
        Assert.Equal([(100UL, 200UL)], new NonceIntervals().Gaps(100, 200));
    }
}
