using System.Threading.Channels;

namespace Beamchain.Node.Web;

/// <summary>One open page's view of the <see cref="DashboardFeed"/>; disposing it unsubscribes.</summary>
public sealed class DashboardSubscription : IDisposable
{
    private readonly Channel<string> _channel;
    private readonly Action _unsubscribe;
    private int _disposed;

    internal DashboardSubscription(Channel<string> channel, Action unsubscribe)
    {
        _channel = channel;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The documents as they come (when the page is slow, only the newest); ends when <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe();
        }
    }
}
