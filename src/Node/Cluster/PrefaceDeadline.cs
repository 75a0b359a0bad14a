using Beamchain.Node.Secret;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Proto.Remote;

namespace Beamchain.Node.Cluster;

/// <summary>
/// On a node without a cluster secret, closes connections that have not sent the whole HTTP/2
/// preface within the timeout (Kestrel would wait its 130 s keep-alive), so half-open
/// connections cannot pile up (slowloris). A node with a secret gets the same bound from its
/// handshake (<see cref="CookieHandshake"/>). Kestrel connection middleware: it only looks at
/// the first bytes and leaves them for HTTP/2 to read.
/// </summary>
public sealed class PrefaceDeadline(TimeSpan timeout, RefusalLog log)
{
    // "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n": what every HTTP/2 client sends first.
    private const int PrefaceLength = 24;

    public RemoteConfig ApplyTo(RemoteConfig config) =>
        config with
        {
            ConfigureKestrel = listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.Use(next => context => AcceptAsync(context, next));
            },
        };

    private async Task AcceptAsync(ConnectionContext context, ConnectionDelegate next)
    {
        var input = context.Transport.Input;
        using var deadline = new CancellationTokenSource(timeout);
        long examined = 0;
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(deadline.Token);
                var buffer = read.Buffer;
                if (buffer.Length >= PrefaceLength)
                {
                    // Nothing consumed, and only what was seen before marked examined, so HTTP/2 reads it all at once.
                    input.AdvanceTo(buffer.Start, buffer.GetPosition(examined));
                    break;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    return;
                }

                examined = buffer.Length;
            }
        }
        catch (OperationCanceledException)
        {
            log.Refused(RefusalKind.Incomplete, $"connection from {context.RemoteEndPoint?.ToString() ?? "an unknown address"}", $"it did not start HTTP/2 within {timeout.TotalSeconds:0.#} s");
            return;
        }

        await next(context);
    }
}
