using System.Diagnostics;
using System.Net.Sockets;
using Beamchain.Node.Secret;

namespace Beamchain.Node.Tests.Cluster;

/// <summary>Connections that never finish the handshake (with a secret) or the HTTP/2 preface (without one) are closed within seconds.</summary>
public class HalfOpenConnectionTests
{
    private const int Connections = 20;
    private static readonly TimeSpan Bound = CookieHandshake.DefaultTimeout + TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Half_open_connections_are_closed_within_the_bound_and_the_node_still_serves(bool withSecret)
    {
        var cookie = withSecret && ClusterCookie.TryCreate("half-open test secret", out var c, out _) ? c : null;
        await using var node = await TestNode.StartAsync("node-s", SeedMembership.First(), searchers: [], cookie: cookie);
        var colon = node.Node.Address.LastIndexOf(':');
        var (host, port) = (node.Node.Address[..colon], int.Parse(node.Node.Address[(colon + 1)..]));

        // Half of them say nothing, half send the first bytes of an HTTP/2 preface and stall.
        var closedAfter = await Task.WhenAll(Enumerable.Range(0, Connections).Select(i => HoldOpenAsync(host, port, i % 2 == 0 ? [] : "PRI * HT"u8.ToArray())));

        Assert.All(closedAfter, elapsed => Assert.True(elapsed <= Bound, $"a connection stayed open {elapsed.TotalSeconds:0.0} s (bound {Bound.TotalSeconds:0} s)"));
        var status = await node.Node.StatusAsync();
        Assert.NotNull(status.Chain);
    }

    /// <summary>Opens a connection, sends <paramref name="first"/>, and waits (up to twice the bound) for the node to close it.</summary>
    private static async Task<TimeSpan> HoldOpenAsync(string host, int port, byte[] first)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port);
        var opened = Stopwatch.GetTimestamp();
        var stream = client.GetStream();
        await stream.WriteAsync(first);
        using var limit = new CancellationTokenSource(Bound * 2);
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, limit.Token) > 0)
            {
                // A node with a secret answers the stalled bytes with nothing; anything read is ignored.
            }
        }
        catch (IOException)
        {
            // Reset by the node: closed too.
        }
        catch (OperationCanceledException)
        {
            // Still open at twice the bound: reported as such.
        }

        return Stopwatch.GetElapsedTime(opened);
    }
}
