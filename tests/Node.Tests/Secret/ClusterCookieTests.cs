using Beamchain.Node.Secret;

namespace Beamchain.Node.Tests.Secret;

public class ClusterCookieTests
{
    private static readonly byte[] ClientNonce = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] ServerNonce = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void The_same_secret_verifies_its_own_proofs()
    {
        var cookie = Cookie("s3cret");
        var other = Cookie("s3cret");

        Assert.True(other.IsServerProof(cookie.ServerProof(ClientNonce, ServerNonce), ClientNonce, ServerNonce));
        Assert.True(other.IsClientProof(cookie.ClientProof(ClientNonce, ServerNonce), ClientNonce, ServerNonce));
    }

    [Fact]
    public void Another_secret_or_other_nonces_do_not_verify()
    {
        var proof = Cookie("s3cret").ClientProof(ClientNonce, ServerNonce);

        Assert.False(Cookie("S3cret").IsClientProof(proof, ClientNonce, ServerNonce));
        Assert.False(Cookie("s3cret").IsClientProof(proof, ServerNonce, ClientNonce));
    }

    [Fact]
    public void A_server_proof_is_not_a_client_proof()
    {
        var cookie = Cookie("s3cret");

        Assert.False(cookie.IsClientProof(cookie.ServerProof(ClientNonce, ServerNonce), ClientNonce, ServerNonce));
        Assert.False(cookie.IsServerProof(cookie.ClientProof(ClientNonce, ServerNonce), ClientNonce, ServerNonce));
    }

    [Fact]
    public void Its_text_never_shows_the_secret()
    {
        Assert.DoesNotContain("s3cret", Cookie("s3cret").ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" padded", "whitespace")]
    [InlineData("line\nbreak", "control characters")]
    public void Bad_secrets_say_what_was_wrong(string text, string message)
    {
        Assert.False(ClusterCookie.TryCreate(text, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cookie_file_is_read_without_its_trailing_newline()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "cookie");
        File.WriteAllText(path, "s3cret\n");

        Assert.True(ClusterCookie.TryReadFile(path, out var cookie, out _));
        Assert.True(Cookie("s3cret").IsClientProof(cookie.ClientProof(ClientNonce, ServerNonce), ClientNonce, ServerNonce));
        Assert.False(ClusterCookie.TryReadFile(Path.Combine(folder.Path, "missing"), out _, out var error));
        Assert.Contains("cannot read the cookie file", error, StringComparison.Ordinal);
    }

    internal static ClusterCookie Cookie(string text) =>
        ClusterCookie.TryCreate(text, out var cookie, out var error) ? cookie : throw new ArgumentException(error);
}
