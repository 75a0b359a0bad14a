using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Beamchain.Node.Secret;

/// <summary>
/// The secret every node of one cluster shares, as Erlang nodes share a cookie. It never
/// leaves the node: peers prove they know it with HMAC-SHA256 over both sides' fresh nonces
/// (<see cref="CookieHandshake"/>), and <see cref="ToString"/> does not reveal it.
/// </summary>
public sealed class ClusterCookie
{
    public const string EnvironmentVariable = "BEAMCHAIN_COOKIE";

    // Distinct labels keep a server's proof from being replayed as a client's, and back.
    private static readonly byte[] ServerLabel = "beamchain cookie v1 server"u8.ToArray();
    private static readonly byte[] ClientLabel = "beamchain cookie v1 client"u8.ToArray();

    private readonly byte[] _key;

    private ClusterCookie(byte[] key) => _key = key;

    public static bool TryCreate(string? text, [NotNullWhen(true)] out ClusterCookie? cookie, [NotNullWhen(false)] out string? error)
    {
        cookie = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "the cluster secret is empty";
            return false;
        }

        if (text.Any(char.IsControl) || text.Trim().Length != text.Length)
        {
            error = "the cluster secret may not contain control characters or begin or end with whitespace";
            return false;
        }

        cookie = new ClusterCookie(Encoding.UTF8.GetBytes(text));
        error = null;
        return true;
    }

    /// <summary>Reads a cookie file: its whole text, less surrounding whitespace (so a trailing newline is fine).</summary>
    public static bool TryReadFile(string path, [NotNullWhen(true)] out ClusterCookie? cookie, [NotNullWhen(false)] out string? error)
    {
        cookie = null;
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read the cookie file '{path}': {e.Message}";
            return false;
        }

        if (!TryCreate(text, out cookie, out var invalid))
        {
            error = $"the cookie file '{path}': {invalid}";
            return false;
        }

        error = null;
        return true;
    }

    public byte[] ServerProof(ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce) => Proof(ServerLabel, clientNonce, serverNonce);

    public byte[] ClientProof(ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce) => Proof(ClientLabel, clientNonce, serverNonce);

    public bool IsServerProof(ReadOnlySpan<byte> proof, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce) =>
        CryptographicOperations.FixedTimeEquals(proof, ServerProof(clientNonce, serverNonce));

    public bool IsClientProof(ReadOnlySpan<byte> proof, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce) =>
        CryptographicOperations.FixedTimeEquals(proof, ClientProof(clientNonce, serverNonce));

    public override string ToString() => "cluster secret (hidden)";

    private byte[] Proof(byte[] label, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(label);
        hmac.AppendData(clientNonce);
        hmac.AppendData(serverNonce);
        return hmac.GetHashAndReset();
    }
}
