using Beamchain.Node.Grid;
using Beamchain.Node.Worker;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Worker;

public class SendPaceTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_burst_goes_at_once_and_the_messages_after_it_wait_their_turn()
    {
        var pace = new MessageBudget(10, 3, _time);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Equal(TimeSpan.Zero, pace.TakeTurn()));
        Assert.Equal(TimeSpan.FromMilliseconds(100), pace.TakeTurn());
        Assert.Equal(TimeSpan.FromMilliseconds(200), pace.TakeTurn());

        _time.Advance(TimeSpan.FromMilliseconds(200)); // both waited: the next waits a turn of its own
        Assert.Equal(TimeSpan.FromMilliseconds(100), pace.TakeTurn());
    }

    [Fact]
    public void Sent_when_told_the_messages_never_exceed_the_gateways_budget()
    {
        // The worker's pace for the gateway's default budget, against that budget as the gateway counts it.
        var settings = new GridSettings();
        Assert.Equal((SendPace.DefaultGatewayPerSecond, SendPace.DefaultGatewayBurst), (settings.MessagesPerSecond, settings.MessageBurst));
        var pace = SendPace.Within(settings.MessagesPerSecond, settings.MessageBurst, _time);
        var budget = new MessageBudget(settings.MessagesPerSecond, settings.MessageBurst, _time);

        for (var i = 0; i < 500; i++)
        {
            _time.Advance(pace.TakeTurn());
            Assert.True(budget.TryTake(), $"message {i} was over the gateway's budget");
        }

        Assert.Equal(0, budget.Refused);
    }
}
