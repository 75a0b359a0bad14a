using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Beamchain.Harness.Processes;
using Beamchain.Node.Tests.Cli;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Grid;

/// <summary>
/// A gateway serving wss:// (<c>--grid-cert</c>) and real <c>beamchain worker</c> processes: one
/// that trusts the gateway's self-signed certificate (through <c>SSL_CERT_FILE</c>, as the
/// worker's message advises) mines through it; one that does not is told why, not only "Unable
/// to connect to the remote server".
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class GatewayTlsTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private const string Password = "gateway-pfx";
    private readonly TempDirectory _dir = new();

    private static string NodeDll => Path.Combine(AppContext.BaseDirectory, "beamchain.dll");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_worker_that_trusts_the_certificate_mines_over_wss_and_one_that_does_not_is_told_why()
    {
        var (pfx, pem) = SelfSignedFor127001();
        await using var grid = await GridNode.StartAsync("tls", settings => settings with { CertificateFile = pfx, CertificatePassword = Password });
        Assert.Equal("wss", grid.Address.Scheme);
        await grid.MineAsync("over tls");

        var untrusting = NodeProcess.StartCommand(NodeDll, "untrusting", ["worker", "--pool", grid.Address.ToString(), "--device", "cpu", "--cpu-threads", "1"]);
        var trusting = NodeProcess.StartCommand(NodeDll, "trusting", ["worker", "--pool", grid.Address.ToString(), "--device", "cpu", "--cpu-threads", "1"],
            new Dictionary<string, string> { ["SSL_CERT_FILE"] = pem });
        try
        {
            var refused = await untrusting.WaitForLineAsync(l => l.Contains("lost the gateway", StringComparison.Ordinal), Timeout, "a failed connection");
            Assert.Contains("this machine does not trust the gateway's certificate", refused.Text);
            Assert.Contains("SSL_CERT_FILE", refused.Text);

            await trusting.WaitForLineAsync(l => l.StartsWith("worker: session ", StringComparison.Ordinal), Timeout, "its session over wss://");
            await trusting.WaitForLineAsync(l => Regex.IsMatch(l, @"shares accepted [1-9]"), Timeout, "an accepted share");
        }
        finally
        {
            foreach (var worker in new[] { untrusting, trusting })
            {
                log.WriteLine($"-- {worker.Name}:{Environment.NewLine}{string.Join(Environment.NewLine, worker.Lines.Select(l => l.Text))}");
                await worker.DisposeAsync();
            }
        }
    }

    /// <summary>A self-signed certificate for 127.0.0.1 as the gateway's .pfx and, for the trusting worker, its .pem.</summary>
    private (string Pfx, string Pem) SelfSignedFor127001()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(_dir.File("gateway.pfx"), certificate.Export(X509ContentType.Pfx, Password));
        File.WriteAllText(_dir.File("gateway.pem"), certificate.ExportCertificatePem());
        return (_dir.File("gateway.pfx"), _dir.File("gateway.pem"));
    }
}
