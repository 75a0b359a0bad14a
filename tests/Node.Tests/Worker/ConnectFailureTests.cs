using System.Net.Http;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using Beamchain.Node.Worker;

namespace Beamchain.Node.Tests.Worker;

/// <summary>The worker's line for a failed connection names the cause, which .NET keeps in inner exceptions, and the fix where it is clear.</summary>
public class ConnectFailureTests
{
    private static readonly Uri Wss = new("wss://gateway.example:4030/grid");
    private static readonly Uri Ws = new("ws://gateway.example:4030/grid");

    [Fact]
    public void An_untrusted_certificate_says_so_and_how_to_trust_it()
    {
        var failure = Wrapped(new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));

        Assert.Equal(
            "Unable to connect to the remote server: this machine does not trust the gateway's certificate (The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot); if the gateway's certificate is self-signed, trust it here with SSL_CERT_FILE=<its .pem>",
            ConnectFailure.Describe(failure, Wss));
    }

    [Fact]
    public void A_handshake_with_a_plain_gateway_suggests_ws()
    {
        var failure = Wrapped(new AuthenticationException("Cannot determine the frame size or a corrupted frame was received."));

        Assert.Contains("the TLS handshake failed (Cannot determine the frame size or a corrupted frame was received); if the gateway serves plain ws:// (started without --grid-cert), use ws://", ConnectFailure.Describe(failure, Wss));
    }

    [Fact]
    public void A_response_cut_short_on_ws_suggests_wss()
    {
        var failure = new WebSocketException("Unable to connect to the remote server", new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely. (ResponseEnded)"));

        Assert.EndsWith("; if the gateway serves wss:// (started with --grid-cert), use wss://", ConnectFailure.Describe(failure, Ws));
        Assert.DoesNotContain("use wss://", ConnectFailure.Describe(failure, Wss));
    }

    [Fact]
    public void Other_causes_are_named_in_brackets()
    {
        var refused = new WebSocketException("Unable to connect to the remote server", new HttpRequestException("Connection refused (gateway.example:4030)", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.Equal($"Unable to connect to the remote server ({new SocketException((int)SocketError.ConnectionRefused).Message})", ConnectFailure.Describe(refused, Ws));
        Assert.Equal("The remote party closed the WebSocket connection", ConnectFailure.Describe(new WebSocketException("The remote party closed the WebSocket connection"), Ws));
    }

    [Fact]
    public void An_http_answer_that_is_not_an_upgrade_says_where_the_grid_is()
    {
        var failure = new WebSocketException(WebSocketError.NotAWebSocket, "The server returned status code '404' when status code '101' was expected.");

        Assert.Equal(
            "The server returned status code '404' when status code '101' was expected.; that address is not a grid endpoint: a node started with --grid-port P takes workers at ws://<host>:P/grid (wss:// with --grid-cert)",
            ConnectFailure.Describe(failure, Ws));
    }

    private static WebSocketException Wrapped(AuthenticationException tls) =>
        new("Unable to connect to the remote server", new HttpRequestException("The SSL connection could not be established, see inner exception.", tls));
}
