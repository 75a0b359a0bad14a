using Beamchain.Node.Web;

namespace Beamchain.Node.Tests.Web;

public sealed class RateHistoryTests
{
    [Fact]
    public void Keeps_the_newest_samples_oldest_first()
    {
        var history = new RateHistory(capacity: 3);
        var start = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < 5; i++)
        {
            history.Add(new RateSample(start.AddSeconds(i), Cluster: i, Grid: 0));
        }

        Assert.Equal([2.0, 3.0, 4.0], history.Samples.Select(s => s.Cluster));
    }

    [Fact]
    public void A_history_of_nothing_is_refused() => Assert.Throws<ArgumentOutOfRangeException>(() => new RateHistory(0));
}
