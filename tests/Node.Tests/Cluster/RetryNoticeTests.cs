using Beamchain.Node.Cluster;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Cluster;

public sealed class RetryNoticeTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new();

    private static string Told(string failure, int tries, TimeSpan failing) =>
        tries == 0 ? $"first: {failure}" : $"again: {failure}, {tries} tries, {failing.TotalSeconds:0} s";

    [Fact]
    public void The_first_failure_is_told_at_once_and_the_same_again_only_each_interval_with_tries_and_time()
    {
        var notice = new RetryNotice(_time, Interval);
        var told = new List<string?> { notice.Failed("agent down", Told) };
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(Retry);
            told.Add(notice.Failed("agent down", Told));
        }

        Assert.Equal(["first: agent down", "again: agent down, 16 tries, 30 s"], told.OfType<string>());
    }

    [Fact]
    public void A_different_failure_is_told_at_once_and_starts_its_own_count()
    {
        var notice = new RetryNotice(_time, Interval);
        notice.Failed("agent down", Told);
        _time.Advance(Retry);

        Assert.Equal("first: refused", notice.Failed("refused", Told));
        _time.Advance(Retry);
        Assert.Null(notice.Failed("refused", Told));
        _time.Advance(Interval);
        Assert.Equal("again: refused, 3 tries, 32 s", notice.Failed("refused", Told));
    }
}
