using System.Security.Cryptography;

namespace Beamchain.Node.Secret;

/// <summary>
/// The challenge-response each connection between nodes starts with, before any gRPC byte.
/// Client: <c>"BEAMCOOK"</c>, version 1, a 32-byte nonce. Server: its 32-byte nonce and its
/// proof, HMAC(secret, server label | client nonce | server nonce). Client: its own proof
/// with the client label. Server: one byte 1 to accept. Both sides prove the secret, fresh
/// nonces make every proof single-use, and the secret itself never crosses the wire.
/// </summary>
public sealed class CookieHandshake(ClusterCookie cookie, TimeSpan timeout)
{
    public const int NonceSize = 32;
    public const int ProofSize = 32;

    private const byte Version = 1;
    private const byte Accept = 1;
    private static readonly byte[] Magic = "BEAMCOOK"u8.ToArray();

    // What an HTTP/2 client sends first: a node that has no secret talks to us this way.
    private static readonly byte[] Http2Preface = "PRI * HTTP/2.0"u8.ToArray();

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The connecting side: proves the secret to the server at the other end and checks the server's proof.</summary>
    public Task<HandshakeOutcome> ProveAsync(Stream input, Stream output, CancellationToken cancellationToken) =>
        WithTimeoutAsync(async token =>
        {
            var clientNonce = RandomNumberGenerator.GetBytes(NonceSize);
            await output.WriteAsync((byte[])[.. Magic, Version, .. clientNonce], token);
            await output.FlushAsync(token);

            var challenge = new byte[NonceSize + ProofSize];
            if (!await TryReadAsync(input, challenge, token))
            {
                return HandshakeOutcome.Refused(RefusalKind.Incomplete, "it closed the connection without answering the handshake (it has no cluster secret, or is not a Beamchain node)");
            }

            // The proof goes out even when the server's failed, so the server too can log "wrong secret".
            var serverNonce = challenge.AsSpan(0, NonceSize).ToArray();
            await output.WriteAsync(cookie.ClientProof(clientNonce, serverNonce), token);
            await output.FlushAsync(token);
            if (!cookie.IsServerProof(challenge.AsSpan(NonceSize), clientNonce, serverNonce))
            {
                return HandshakeOutcome.Refused(RefusalKind.WrongSecret, "its proof does not match this node's cluster secret");
            }

            var verdict = new byte[1];
            return await TryReadAsync(input, verdict, token) && verdict[0] == Accept
                ? HandshakeOutcome.Accepted
                : HandshakeOutcome.Refused(RefusalKind.Incomplete, "it did not accept this node's proof");
        }, cancellationToken);

    /// <summary>The listening side: challenges the connecting peer and accepts only a proof of the secret.</summary>
    public Task<HandshakeOutcome> ChallengeAsync(Stream input, Stream output, CancellationToken cancellationToken) =>
        WithTimeoutAsync(async token =>
        {
            var hello = new byte[Magic.Length + 1 + NonceSize];
            var header = hello.AsMemory(0, Magic.Length + 1);
            if (!await TryReadAsync(input, header, token))
            {
                return HandshakeOutcome.Refused(RefusalKind.Incomplete, "it closed the connection before the handshake");
            }

            if (header.Span.StartsWith(Http2Preface.AsSpan(0, header.Length)))
            {
                return HandshakeOutcome.Refused(RefusalKind.NoHandshake, "it sent no cluster secret (plain HTTP/2: a node started without --cookie?)");
            }

            if (!header.Span[..Magic.Length].SequenceEqual(Magic) || header.Span[^1] != Version)
            {
                return HandshakeOutcome.Refused(RefusalKind.NoHandshake, "it did not start with a Beamchain cookie handshake");
            }

            if (!await TryReadAsync(input, hello.AsMemory(header.Length), token))
            {
                return HandshakeOutcome.Refused(RefusalKind.Incomplete, "it closed the connection during the handshake");
            }

            var clientNonce = hello.AsSpan(header.Length).ToArray();
            var serverNonce = RandomNumberGenerator.GetBytes(NonceSize);
            await output.WriteAsync((byte[])[.. serverNonce, .. cookie.ServerProof(clientNonce, serverNonce)], token);
            await output.FlushAsync(token);

            var proof = new byte[ProofSize];
            if (!await TryReadAsync(input, proof, token))
            {
                return HandshakeOutcome.Refused(RefusalKind.Incomplete, "it closed the connection instead of proving the secret");
            }

            if (!cookie.IsClientProof(proof, clientNonce, serverNonce))
            {
                return HandshakeOutcome.Refused(RefusalKind.WrongSecret, "its proof does not match this node's cluster secret");
            }

            await output.WriteAsync(new[] { Accept }, token);
            await output.FlushAsync(token);
            return HandshakeOutcome.Accepted;
        }, cancellationToken);

    /// <summary>
    /// True when the node at <paramref name="host"/>:<paramref name="port"/> answers the opening of
    /// a handshake with a challenge: it requires a cluster secret. A node without one asks this
    /// to explain why it was not let in. The probe proves nothing and ends there.
    /// </summary>
    public static async Task<bool> RequiresSecretAsync(string host, int port, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(host, port, deadline.Token);
            var stream = client.GetStream();
            await stream.WriteAsync((byte[])[.. Magic, Version, .. RandomNumberGenerator.GetBytes(NonceSize)], deadline.Token);
            return await TryReadAsync(stream, new byte[NonceSize + ProofSize], deadline.Token);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<HandshakeOutcome> WithTimeoutAsync(Func<CancellationToken, Task<HandshakeOutcome>> handshake, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await handshake(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HandshakeOutcome.Refused(RefusalKind.Incomplete, $"it did not finish the handshake within {timeout.TotalSeconds:0.#} s");
        }
        catch (IOException e)
        {
            return HandshakeOutcome.Refused(RefusalKind.Incomplete, $"the connection failed during the handshake: {e.Message}");
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>'s length; false when the peer closed first.</summary>
    private static async Task<bool> TryReadAsync(Stream input, Memory<byte> buffer, CancellationToken token)
    {
        try
        {
            await input.ReadExactlyAsync(buffer, token);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}
