using System.IO.Pipelines;
using System.Text;
using Beamchain.Node.Secret;
using static Beamchain.Node.Tests.Secret.ClusterCookieTests;

namespace Beamchain.Node.Tests.Secret;

/// <summary>Both ends of the handshake over in-memory pipes, as Kestrel's middleware and the channel's connect step run it.</summary>
public class CookieHandshakeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();

    private Stream ServerInput => _toServer.Reader.AsStream(leaveOpen: true);

    private Stream ServerOutput => _toClient.Writer.AsStream(leaveOpen: true);

    private Stream ClientInput => _toClient.Reader.AsStream(leaveOpen: true);

    private Stream ClientOutput => _toServer.Writer.AsStream(leaveOpen: true);

    [Fact]
    public async Task Peers_sharing_the_secret_both_accept_and_later_bytes_pass_through_untouched()
    {
        var server = new CookieHandshake(Cookie("s3cret"), Timeout).ChallengeAsync(ServerInput, ServerOutput, CancellationToken.None);
        var client = await new CookieHandshake(Cookie("s3cret"), Timeout).ProveAsync(ClientInput, ClientOutput, CancellationToken.None);
        await ClientOutput.WriteAsync("PRI * HTTP/2.0"u8.ToArray());

        Assert.True(client.IsAccepted, client.Reason);
        Assert.True((await server).IsAccepted);
        var after = new byte[14];
        await ServerInput.ReadExactlyAsync(after);
        Assert.Equal("PRI * HTTP/2.0", Encoding.ASCII.GetString(after));
    }

    [Fact]
    public async Task Peers_with_different_secrets_both_refuse()
    {
        var server = new CookieHandshake(Cookie("s3cret"), Timeout).ChallengeAsync(ServerInput, ServerOutput, CancellationToken.None);
        var client = await new CookieHandshake(Cookie("guess"), Timeout).ProveAsync(ClientInput, ClientOutput, CancellationToken.None);

        Assert.Equal(RefusalKind.WrongSecret, client.Refusal);
        Assert.Equal(RefusalKind.WrongSecret, (await server).Refusal);
    }

    [Theory]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "sent no cluster secret")]
    [InlineData("GET / HTTP/1.1\r\n\r\n", "did not start with a Beamchain cookie handshake")]
    public async Task A_peer_that_does_not_start_with_the_handshake_is_refused(string firstBytes, string reason)
    {
        await ClientOutput.WriteAsync(Encoding.ASCII.GetBytes(firstBytes));

        var server = await new CookieHandshake(Cookie("s3cret"), Timeout).ChallengeAsync(ServerInput, ServerOutput, CancellationToken.None);

        Assert.Equal(RefusalKind.NoHandshake, server.Refusal);
        Assert.Contains(reason, server.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_peer_is_refused_when_the_handshake_times_out()
    {
        var server = await new CookieHandshake(Cookie("s3cret"), TimeSpan.FromMilliseconds(50)).ChallengeAsync(ServerInput, ServerOutput, CancellationToken.None);

        Assert.Equal(RefusalKind.Incomplete, server.Refusal);
        Assert.Contains("within", server.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_whose_server_hangs_up_is_refused()
    {
        await _toClient.Writer.CompleteAsync();

        var client = await new CookieHandshake(Cookie("s3cret"), Timeout).ProveAsync(ClientInput, ClientOutput, CancellationToken.None);

        Assert.Equal(RefusalKind.Incomplete, client.Refusal);
        Assert.Contains("closed the connection", client.Reason, StringComparison.Ordinal);
    }
}
