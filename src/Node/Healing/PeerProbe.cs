using System.Net.Sockets;

namespace Beamchain.Node.Healing;

/// <summary>
/// Whether any of some member addresses accepts a TCP connection now: how a member cut off by
/// a partition learns the network healed (it has blocked the others, so it no longer talks to
/// them through the cluster). The connection is closed at once, before any byte is sent.
/// </summary>
public static class PeerProbe
{
    public static async Task<bool> AnyReachableAsync(IEnumerable<string> addresses, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var probes = addresses.Select(a => ReachableAsync(a, timeout, cancellationToken)).ToArray();
        return probes.Length > 0 && (await Task.WhenAll(probes)).Any(reached => reached);
    }

    private static async Task<bool> ReachableAsync(string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), out var port))
        {
            return false;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address[..colon], port, deadline.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
