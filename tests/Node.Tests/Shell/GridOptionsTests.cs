using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Beamchain.Node.Grid;
using Beamchain.Node.Shell;
using Beamchain.Node.Tests.Cli;

namespace Beamchain.Node.Tests.Shell;

/// <summary>The gateway's options are checked before the node starts: none is silently ignored, none clashes, the certificate loads.</summary>
public sealed class GridOptionsTests : IDisposable
{
    private const string Password = "pfx-password";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("--grid-port 4021")]
    [InlineData("--grid-port 0 --port 0")]
    [InlineData("--grid-port 4020 --host 127.0.0.1 --grid-host 127.0.0.2")]
    [InlineData("--grid-port 4021 --grid-token t --grid-origin https://example.org --grid-host 0.0.0.0")]
    [InlineData("")]
    public void Good_gateway_options_pass(string args)
    {
        Assert.True(Parse(args.Split(' ', StringSplitOptions.RemoveEmptyEntries)).TryCheckGrid(NoEnvironment, out var error), error);
    }

    [Theory]
    [InlineData(new[] { "--grid-token", "t" }, "--grid-token set up the volunteers' gateway, which only --grid-port opens; add --grid-port <port> (0 picks a free one), or leave it out")]
    [InlineData(new[] { "--grid-host", "0.0.0.0", "--grid-origin", "https://example.org" }, "--grid-origin, --grid-host set up")]
    [InlineData(new[] { "--grid-cert", "gateway.pfx" }, "--grid-cert set up")]
    [InlineData(new[] { "--grid-port", "4020" }, "--grid-port 4020 is also this node's --port; give the gateway a port of its own")]
    [InlineData(new[] { "--grid-port", "5000", "--port", "5000", "--grid-host", "0.0.0.0" }, "--grid-port 5000 is also this node's --port")]
    [InlineData(new[] { "--grid-port", "5000", "--port", "5000", "--grid-host", "localhost" }, "--grid-port 5000 is also this node's --port")]
    public void Options_that_would_be_ignored_or_clash_are_refused(string[] args, string expected)
    {
        Assert.False(Parse(args).TryCheckGrid(NoEnvironment, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_missing_certificate_says_there_is_no_such_file()
    {
        Assert.False(Parse("--grid-port", "0", "--grid-cert", _dir.File("missing.pfx")).TryCheckGrid(NoEnvironment, out var error));
        Assert.Contains($"--grid-cert: there is no file '{_dir.File("missing.pfx")}'", error);
    }

    [Fact]
    public void A_folder_is_not_a_certificate()
    {
        Assert.False(Parse("--grid-port", "0", "--grid-cert", _dir.Path).TryCheckGrid(NoEnvironment, out var error));
        Assert.Contains("is a folder", error);
    }

    [Fact]
    public void A_file_that_is_not_pkcs12_says_so_and_names_the_password_variable()
    {
        File.WriteAllText(_dir.File("gateway.pfx"), "-----BEGIN CERTIFICATE-----\nnot really\n");
        Assert.False(Parse("--grid-port", "0", "--grid-cert", _dir.File("gateway.pfx")).TryCheckGrid(NoEnvironment, out var error));
        Assert.Contains("could not load", error);
        Assert.Contains(GatewayCertificate.PasswordVariable, error);
    }

    [Fact]
    public void A_certificate_loads_with_its_password_and_not_without()
    {
        using var key = RSA.Create(2048);
        using var made = new CertificateRequest("CN=gateway.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(_dir.File("gateway.pfx"), made.Export(X509ContentType.Pfx, Password));
        var options = Parse("--grid-port", "0", "--grid-cert", _dir.File("gateway.pfx"));

        Assert.True(options.TryCheckGrid(name => name == GatewayCertificate.PasswordVariable ? Password : null, out var error), error);
        Assert.False(options.TryCheckGrid(NoEnvironment, out error));
        Assert.Contains("could not load", error);
    }

    [Fact]
    public void A_certificate_without_its_key_is_refused()
    {
        using var key = RSA.Create(2048);
        using var made = new CertificateRequest("CN=gateway.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var publicOnly = X509CertificateLoader.LoadCertificate(made.Export(X509ContentType.Cert));
        File.WriteAllBytes(_dir.File("public.pfx"), publicOnly.Export(X509ContentType.Pfx, Password));

        var error = Assert.Throws<ArgumentException>(() => GatewayCertificate.Load(_dir.File("public.pfx"), Password)).Message;
        Assert.Contains("without its private key", error);
    }

    private static string? NoEnvironment(string name) => null;

    private static NodeOptions Parse(params string[] args)
    {
        var commandLine = new NodeCommandLine();
        var parsed = CommandLineParse<NodeOptions>.Of(commandLine.All, commandLine.Read, args);
        Assert.True(parsed.Succeeded, parsed.Error);
        return parsed.Options;
    }
}
