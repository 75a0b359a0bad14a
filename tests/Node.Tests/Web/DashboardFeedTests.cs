using Beamchain.Node.Web;

namespace Beamchain.Node.Tests.Web;

public sealed class DashboardFeedTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_page_that_opens_late_gets_the_newest_document_at_once()
    {
        var feed = new DashboardFeed(maxSubscribers: 4);
        feed.Publish("old");
        feed.Publish("new");

        using var subscription = feed.TrySubscribe()!;

        Assert.Equal("new", await FirstAsync(subscription));
    }

    [Fact]
    public async Task A_slow_page_skips_to_the_newest_document_instead_of_queueing()
    {
        var feed = new DashboardFeed(maxSubscribers: 4);
        using var subscription = feed.TrySubscribe()!;
        for (var i = 1; i <= 100; i++)
        {
            feed.Publish($"document {i}");
        }

        Assert.Equal("document 100", await FirstAsync(subscription));
    }

    [Fact]
    public void Pages_beyond_the_limit_are_refused_until_one_closes()
    {
        var feed = new DashboardFeed(maxSubscribers: 2);
        var first = feed.TrySubscribe();
        using var second = feed.TrySubscribe();

        Assert.Null(feed.TrySubscribe());
        first!.Dispose();
        using var third = feed.TrySubscribe();
        Assert.NotNull(third);
        Assert.Equal(2, feed.Subscribers);
    }

    private static async Task<string> FirstAsync(DashboardSubscription subscription)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await foreach (var document in subscription.ReadAllAsync(timeout.Token))
        {
            return document;
        }

        throw new InvalidOperationException("the feed ended");
    }
}
