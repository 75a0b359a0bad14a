using System.Net;
using System.Net.Sockets;
using Beamchain.Node.Secret;
using static Beamchain.Node.Tests.Secret.ClusterCookieTests;

namespace Beamchain.Node.Tests.Secret;

/// <summary>The question a node asks the members Consul lists before registering, against real loopback listeners.</summary>
public sealed class SecretPreflightTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly List<(TcpListener Listener, Task Serving)> _members = [];

    [Fact]
    public async Task Members_holding_the_same_secret_let_the_node_in()
    {
        var member = StartMember("s3cret");

        Assert.Null(await new SecretPreflight(Cookie("s3cret"), Timeout).RefusalAsync([member]));
    }

    [Fact]
    public async Task Members_holding_another_secret_refuse_the_node_and_say_where_and_why()
    {
        var member = StartMember("s3cret");

        var refusal = await new SecretPreflight(Cookie("guess"), Timeout).RefusalAsync([member]);

        Assert.Equal($"127.0.0.1:{member.Port}: its proof does not match this node's cluster secret", refusal);
    }

    [Fact]
    public async Task A_node_without_a_secret_is_refused_by_members_that_require_one()
    {
        var member = StartMember("s3cret");

        var refusal = await new SecretPreflight(null, Timeout).RefusalAsync([member]);

        Assert.Equal($"127.0.0.1:{member.Port}: it requires a cluster secret and this node has none", refusal);
    }

    [Fact]
    public async Task One_member_that_accepts_is_enough_even_when_another_refuses()
    {
        var refusing = StartMember("old secret");
        var accepting = StartMember("s3cret");

        Assert.Null(await new SecretPreflight(Cookie("s3cret"), Timeout).RefusalAsync([refusing, accepting]));
    }

    [Fact]
    public async Task Members_that_do_not_answer_keep_nobody_out()
    {
        var free = new TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var port = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();

        Assert.Null(await new SecretPreflight(Cookie("s3cret"), Timeout).RefusalAsync([("127.0.0.1", port)]));
        Assert.Null(await new SecretPreflight(Cookie("s3cret"), Timeout).RefusalAsync([]));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (listener, serving) in _members)
        {
            listener.Stop();
            await serving;
        }
    }

    /// <summary>A listener that challenges every connection as a member's Kestrel middleware does.</summary>
    private (string Host, int Port) StartMember(string secret)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var handshake = new CookieHandshake(Cookie(secret), Timeout);
        _members.Add((listener, ServeAsync(listener, handshake)));
        return ("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
    }

    private static async Task ServeAsync(TcpListener listener, CookieHandshake handshake)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                await handshake.ChallengeAsync(stream, stream, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped by DisposeAsync.
        }
    }
}
