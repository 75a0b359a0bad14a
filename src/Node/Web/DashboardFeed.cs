using System.Threading.Channels;

namespace Beamchain.Node.Web;

/// <summary>
/// Hands the newest dashboard document to every open page (Server-Sent Events). Only the newest
/// matters, so each subscriber holds at most one: a slow page skips documents instead of
/// queueing them, and a page that connects gets the current one at once. At most
/// <paramref name="maxSubscribers"/> pages at a time, so a crowd cannot make the node hold
/// unbounded buffers.
/// </summary>
public sealed class DashboardFeed(int maxSubscribers)
{
    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _subscribers = [];
    private string? _latest;

    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public void Publish(string document)
    {
        lock (_gate)
        {
            _latest = document;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(document);
            }
        }
    }

    /// <summary>A subscription, primed with the newest document; null when <paramref name="maxSubscribers"/> pages are open already.</summary>
    public DashboardSubscription? TrySubscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            if (_subscribers.Count >= maxSubscribers)
            {
                return null;
            }

            if (_latest is not null)
            {
                channel.Writer.TryWrite(_latest);
            }

            _subscribers.Add(channel);
        }

        return new DashboardSubscription(channel, () => Remove(channel));
    }

    private void Remove(Channel<string> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }
}
