using Beamchain.Node.Clock;

namespace Beamchain.Node.Tests.Clock;

public class WallClockStepsTests
{
    [Fact]
    public void Time_passing_or_the_process_standing_still_is_no_step()
    {
        var time = new SteppableClock();
        var steps = new WallClockSteps(time);
        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            Assert.Null(steps.Observe());
        }

        time.Advance(TimeSpan.FromSeconds(30)); // SIGSTOP … SIGCONT: both clocks moved
        Assert.Null(steps.Observe());
    }

    [Fact]
    public void A_stop_between_the_two_clocks_readings_is_no_step()
    {
        var time = new SteppableClock();
        var steps = new WallClockSteps(time);

        time.Advance(TimeSpan.FromMilliseconds(250));
        time.StopWithinNextWallReading(TimeSpan.FromSeconds(15));
        Assert.Null(steps.Observe());
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Null(steps.Observe());
    }

    [Fact]
    public void A_step_back_or_ahead_is_reported_once_with_its_size()
    {
        var time = new SteppableClock();
        var steps = new WallClockSteps(time);

        time.Advance(TimeSpan.FromMilliseconds(250));
        time.Step(TimeSpan.FromMinutes(-10));
        Assert.Equal(TimeSpan.FromMinutes(-10), steps.Observe());
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Null(steps.Observe());

        time.Step(TimeSpan.FromHours(1));
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(TimeSpan.FromHours(1), steps.Observe());
        Assert.Null(steps.Observe());
    }

    [Fact]
    public void Slewing_and_jumps_under_a_second_are_not_steps()
    {
        var time = new SteppableClock();
        var steps = new WallClockSteps(time);
        for (var i = 0; i < 100; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            time.Step(TimeSpan.FromMilliseconds(0.5)); // NTP's fastest slew
            Assert.Null(steps.Observe());
        }

        time.Step(TimeSpan.FromMilliseconds(-900));
        Assert.Null(steps.Observe());
    }
}
