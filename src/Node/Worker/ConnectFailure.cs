using System.Net.Http;
using System.Net.WebSockets;
using System.Security.Authentication;

namespace Beamchain.Node.Worker;

/// <summary>
/// Says why a connection to the gateway failed, and what to do where that is clear. .NET's
/// outermost message for every failed WebSocket connect is "Unable to connect to the remote
/// server"; the cause (refused, no such host, a certificate this machine does not trust, the
/// wrong one of ws:// and wss://) lies in the inner exceptions.
/// </summary>
public static class ConnectFailure
{
    public static string Describe(Exception failure, Uri pool)
    {
        var causes = new List<Exception>();
        for (var e = failure; e is not null; e = e.InnerException)
        {
            causes.Add(e);
        }

        var innermost = causes[^1];
        if (causes.OfType<AuthenticationException>().FirstOrDefault() is { } tls)
        {
            var detail = (innermost == tls ? tls.Message : $"{tls.Message} {innermost.Message}").TrimEnd('.');
            return detail.Contains("certificate", StringComparison.OrdinalIgnoreCase)
                ? $"{failure.Message}: this machine does not trust the gateway's certificate ({detail}); if the gateway's certificate is self-signed, trust it here with SSL_CERT_FILE=<its .pem>"
                : $"{failure.Message}: the TLS handshake failed ({detail}); if the gateway serves plain ws:// (started without --grid-cert), use ws://";
        }

        var said = innermost == failure || failure.Message.Contains(innermost.Message, StringComparison.Ordinal)
            ? failure.Message
            : $"{failure.Message} ({innermost.Message})";
        if (failure is WebSocketException { WebSocketErrorCode: WebSocketError.NotAWebSocket })
        {
            // An HTTP answer other than 101: a web server, the gateway's own pages, or a node's cluster port.
            return $"{said}; that address is not a grid endpoint: a node started with --grid-port P takes workers at ws://<host>:P/grid (wss:// with --grid-cert)";
        }

        var endedEarly = causes.OfType<HttpRequestException>().Any(e => e.HttpRequestError == HttpRequestError.ResponseEnded);
        return endedEarly && pool.Scheme == "ws"
            ? $"{said}; if the gateway serves wss:// (started with --grid-cert), use wss://"
            : said;
    }
}
