using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Beamchain.Node.Grid;

/// <summary>The gateway's wss:// certificate (<c>--grid-cert</c>, a PKCS#12 file; password from <see cref="PasswordVariable"/>).</summary>
public static class GatewayCertificate
{
    public const string PasswordVariable = "BEAMCHAIN_GRID_CERT_PASSWORD";

    /// <summary>Loads <paramref name="file"/>; throws <see cref="ArgumentException"/> saying what is wrong and what to do.</summary>
    public static X509Certificate2 Load(string file, string? password)
    {
        if (Directory.Exists(file))
        {
            throw new ArgumentException($"--grid-cert: '{file}' is a folder; give the PKCS#12 (.pfx) file that holds the gateway's certificate and key");
        }

        if (!File.Exists(file))
        {
            throw new ArgumentException($"--grid-cert: there is no file '{file}'; give the PKCS#12 (.pfx) file that holds the gateway's certificate and key");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(file, password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // .NET says the same for a wrong password and for a file that is not PKCS#12 at all.
            throw new ArgumentException($"--grid-cert: could not load '{file}' as a PKCS#12 (.pfx) certificate ({e.Message}): is it a .pfx, and is its password in {PasswordVariable}?", e);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ArgumentException($"--grid-cert: '{file}' holds a certificate without its private key; export the .pfx with the key");
        }

        return certificate;
    }
}
