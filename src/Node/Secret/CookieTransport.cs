using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Proto.Remote;

namespace Beamchain.Node.Secret;

/// <summary>
/// Puts the <see cref="CookieHandshake"/> under Proto.Remote's gRPC transport on both ends of
/// every connection: Kestrel runs the challenge as connection middleware before HTTP/2 sees a
/// byte, and the gRPC channels dial through a handler whose connect step proves the secret.
/// A peer that fails is cut off before it can gossip, join or send any actor a message, and
/// the refusal goes to the <see cref="RefusalLog"/>.
/// </summary>
public sealed class CookieTransport : IDisposable
{
    private readonly CookieHandshake _handshake;
    private readonly RefusalLog _log;
    private readonly SocketsHttpHandler _handler;

    public CookieTransport(ClusterCookie cookie, RefusalLog log, TimeSpan handshakeTimeout)
    {
        _handshake = new CookieHandshake(cookie, handshakeTimeout);
        _log = log;
        _handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, ConnectCallback = ConnectAsync };
    }

    /// <summary><paramref name="config"/> with the handshake on its listener and its channels (its channel options object is reused).</summary>
    public RemoteConfig ApplyTo(RemoteConfig config)
    {
        config.ChannelOptions.HttpHandler = _handler;
        return config with
        {
            ConfigureKestrel = listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.Use(next => context => AcceptAsync(context, next));
            },
        };
    }

    /// <summary>The last peer that refused this node's proof, and why ("host:port: reason"); null while none has.</summary>
    public string? DialRefusal { get; private set; }

    public void Dispose() => _handler.Dispose();

    private async Task AcceptAsync(ConnectionContext context, ConnectionDelegate next)
    {
        // leaveOpen: the same pipes carry HTTP/2 once the peer is in; reads take only the handshake's bytes.
        var input = context.Transport.Input.AsStream(leaveOpen: true);
        var output = context.Transport.Output.AsStream(leaveOpen: true);
        var outcome = await _handshake.ChallengeAsync(input, output, CancellationToken.None);
        if (outcome.Refusal is { } refusal)
        {
            _log.Refused(refusal, $"connection from {context.RemoteEndPoint?.ToString() ?? "an unknown address"}", outcome.Reason);
            return;
        }

        await next(context);
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var peer = $"{context.DnsEndPoint.Host}:{context.DnsEndPoint.Port}";
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            var stream = new NetworkStream(socket, ownsSocket: true);
            var outcome = await _handshake.ProveAsync(stream, stream, cancellationToken);
            if (outcome.Refusal is not { } refusal)
            {
                return stream;
            }

            await stream.DisposeAsync();
            DialRefusal = $"{peer}: {outcome.Reason}";
            _log.Refused(refusal, $"connection to {peer}", outcome.Reason);
            throw new AuthenticationException($"the node at {peer} failed the cluster secret handshake: {outcome.Reason}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
