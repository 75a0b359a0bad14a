using System.Net;
using Beamchain.Node.Grid;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Grid;

public class ConnectionLimitsTests
{
    private static readonly IPAddress One = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Two = IPAddress.Parse("192.0.2.2");

    [Fact]
    public void Connections_per_address_are_capped_and_freed_on_release()
    {
        var limits = new ConnectionLimits(new GridSettings { MaxConnectionsPerAddress = 2 }, new FakeTimeProvider());
        Assert.True(limits.TryAdmit(One, out _));
        Assert.True(limits.TryAdmit(One, out _));
        Assert.False(limits.TryAdmit(One, out var refusal));
        Assert.Equal(GridErrorCode.TooManyConnections, refusal!.Code);
        Assert.True(limits.TryAdmit(Two, out _));

        limits.Release(One);
        Assert.True(limits.TryAdmit(One, out _));
    }

    [Fact]
    public void New_sessions_per_address_are_capped_per_minute()
    {
        var time = new FakeTimeProvider();
        var limits = new ConnectionLimits(new GridSettings { MaxSessionsPerAddressPerMinute = 3 }, time);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(limits.TryAdmit(One, out _));
            limits.Release(One);
        }

        Assert.False(limits.TryAdmit(One, out var refusal));
        Assert.Contains("in the last minute", refusal!.Reason, StringComparison.Ordinal);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(limits.TryAdmit(One, out _));
    }

    [Fact]
    public void The_gateway_serves_at_most_its_volunteer_limit()
    {
        var limits = new ConnectionLimits(new GridSettings { MaxClients = 2 }, new FakeTimeProvider());
        Assert.True(limits.TryAdmit(One, out _));
        Assert.True(limits.TryAdmit(Two, out _));
        Assert.False(limits.TryAdmit(IPAddress.Parse("192.0.2.3"), out var refusal));
        Assert.Contains("limit of 2 volunteers", refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_budget_allows_bursts_then_the_average_rate()
    {
        var time = new FakeTimeProvider();
        var budget = new MessageBudget(perSecond: 10, burst: 20, time);
        Assert.Equal(20, Enumerable.Range(0, 30).Count(_ => budget.TryTake()));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(10, Enumerable.Range(0, 30).Count(_ => budget.TryTake()));
        Assert.Equal(30, budget.Refused);
    }

    [Fact]
    public void Refusals_are_answered_at_most_once_a_second()
    {
        var time = new FakeTimeProvider();
        var budget = new MessageBudget(perSecond: 10, burst: 20, time);

        Assert.Equal(1, Enumerable.Range(0, 50).Count(_ => budget.AnswerRefusal()));
        time.Advance(MessageBudget.AnswerEvery - TimeSpan.FromMilliseconds(1));
        Assert.False(budget.AnswerRefusal());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(budget.AnswerRefusal());
    }
}
