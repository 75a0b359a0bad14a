using Beamchain.Node.Secret;
using Beamchain.Node.Shell;
using Beamchain.Node.Tests.Cli;
using static Beamchain.Node.Tests.Secret.ClusterCookieTests;

namespace Beamchain.Node.Tests.Shell;

/// <summary>Where the cluster secret comes from: <c>--cookie</c>, else <c>--cookie-file</c>, else <c>BEAMCHAIN_COOKIE</c>, else none.</summary>
public sealed class CookieOptionTests : IDisposable
{
    private static readonly byte[] Nonce = new byte[32];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void No_cookie_anywhere_means_an_open_cluster()
    {
        Assert.True(Parse().TryResolveCookie(NoEnvironment, out var cookie, out _));
        Assert.Null(cookie);
    }

    [Fact]
    public void The_option_wins_over_the_environment()
    {
        Assert.True(Parse("--cookie", "from-option").TryResolveCookie(Environment("from-environment"), out var cookie, out _));
        Assert.True(IsCookie(cookie, "from-option"));
    }

    [Fact]
    public void The_environment_is_used_when_no_option_is_given()
    {
        Assert.True(Parse().TryResolveCookie(Environment("from-environment"), out var cookie, out _));
        Assert.True(IsCookie(cookie, "from-environment"));
    }

    [Fact]
    public void A_cookie_file_is_read()
    {
        File.WriteAllText(_dir.File("cookie"), "from-file\n");

        Assert.True(Parse("--cookie-file", _dir.File("cookie")).TryResolveCookie(Environment("from-environment"), out var cookie, out _));
        Assert.True(IsCookie(cookie, "from-file"));
    }

    [Fact]
    public void Both_a_cookie_and_a_cookie_file_is_an_error()
    {
        Assert.False(Parse("--cookie", "a", "--cookie-file", _dir.File("cookie")).TryResolveCookie(NoEnvironment, out _, out var error));
        Assert.Contains("not both", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_secret_in_the_environment_names_the_variable()
    {
        Assert.False(Parse().TryResolveCookie(Environment(" padded"), out _, out var error));
        Assert.StartsWith("BEAMCHAIN_COOKIE:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_cookie_option_is_refused()
    {
        var parsed = ParseLine("--cookie=");
        Assert.False(parsed.Succeeded);
        Assert.Contains("--cookie: the cluster secret is empty", parsed.Error, StringComparison.Ordinal);
    }

    private static string? NoEnvironment(string name) => null;

    private static Func<string, string?> Environment(string cookie) => name => name == ClusterCookie.EnvironmentVariable ? cookie : null;

    private static CommandLineParse<NodeOptions> ParseLine(params string[] args)
    {
        var commandLine = new NodeCommandLine();
        return CommandLineParse<NodeOptions>.Of(commandLine.All, commandLine.Read, args);
    }

    private static NodeOptions Parse(params string[] args)
    {
        var parsed = ParseLine(args);
        Assert.True(parsed.Succeeded, parsed.Error);
        return parsed.Options;
    }

    private static bool IsCookie(ClusterCookie? cookie, string text) =>
        cookie is not null && Cookie(text).IsClientProof(cookie.ClientProof(Nonce, Nonce), Nonce, Nonce);
}
