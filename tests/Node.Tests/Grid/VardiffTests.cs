using Beamchain.Kernels.Header;
using Beamchain.Node.Grid;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Grid;

public class VardiffTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(4);
    private static readonly Hash256 EasyBlock = ShareTargets.ForHashes(1e15);

    [Fact]
    public void A_device_faster_than_assumed_gets_a_harder_target_by_at_most_4x_a_step_until_one_share_per_interval()
    {
        var time = new FakeTimeProvider();
        var vardiff = new Vardiff(Interval, Settle, initialRate: 1e6, time.GetTimestamp());
        const double rate = 1e9; // 1000× the assumption

        var steps = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            var current = ShareTargets.ExpectedHashes(vardiff.Target);
            // The shares such a device finds at the current target in three intervals.
            var shares = (int)(rate * 3 * Interval.TotalSeconds / current);
            for (var s = 0; s < shares; s++)
            {
                time.Advance(TimeSpan.FromSeconds(3 * Interval.TotalSeconds / shares));
                var before = ShareTargets.ExpectedHashes(vardiff.Target);
                if (vardiff.OnShare(time.GetTimestamp(), current, EasyBlock, time))
                {
                    steps.Add(ShareTargets.ExpectedHashes(vardiff.Target) / before);
                }
            }
        }

        Assert.NotEmpty(steps);
        Assert.All(steps, step => Assert.InRange(step, 0.99, Vardiff.MaxStep * 1.01));
        Assert.InRange(ShareTargets.ExpectedHashes(vardiff.Target) / (rate * Interval.TotalSeconds), 0.8, 1.25);
    }

    [Fact]
    public void A_device_that_stops_submitting_gets_an_easier_target_on_the_timer_alone()
    {
        var time = new FakeTimeProvider();
        var vardiff = new Vardiff(Interval, Settle, initialRate: 1e6, time.GetTimestamp());
        var before = ShareTargets.ExpectedHashes(vardiff.Target);

        time.Advance(Interval * 2);
        Assert.False(vardiff.OnTick(time.GetTimestamp(), EasyBlock, time));
        time.Advance(Interval * 2);
        Assert.True(vardiff.OnTick(time.GetTimestamp(), EasyBlock, time));

        Assert.Equal(before / Vardiff.MaxStep, ShareTargets.ExpectedHashes(vardiff.Target), before * 1e-9);
    }

    [Fact]
    public void A_share_target_is_never_harder_than_the_block_target()
    {
        var time = new FakeTimeProvider();
        var block = ShareTargets.ForHashes(1e7);
        var vardiff = new Vardiff(Interval, Settle, initialRate: 1e6, time.GetTimestamp());
        for (var i = 0; i < 1000; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            vardiff.OnShare(time.GetTimestamp(), ShareTargets.ExpectedHashes(vardiff.Target), block, time);
        }

        Assert.Equal(block, vardiff.Target);
    }

    [Fact]
    public void A_burst_of_a_few_shares_in_a_moment_moves_nothing()
    {
        var time = new FakeTimeProvider();
        var vardiff = new Vardiff(Interval, Settle, initialRate: 1e6, time.GetTimestamp());
        var target = vardiff.Target;
        time.Advance(TimeSpan.FromMilliseconds(50));
        for (var i = 0; i < 8; i++)
        {
            Assert.False(vardiff.OnShare(time.GetTimestamp(), ShareTargets.ExpectedHashes(target), EasyBlock, time));
        }

        Assert.Equal(target, vardiff.Target);
    }
}
