namespace Beamchain.Node.Membership.Consul;

/// <summary>Reads an agent address as users write it in <c>--consul</c> or <c>CONSUL_HTTP_ADDR</c>.</summary>
public static class ConsulAgentAddress
{
    private const int DefaultPort = 8500;

    /// <summary>
    /// Accepts <c>host</c>, <c>host:port</c> (plain HTTP, port 8500 when left out) or a full
    /// <c>http://</c>/<c>https://</c> URL. On failure <paramref name="error"/> says what was wrong.
    /// </summary>
    public static bool TryParse(string? text, out Uri address, out string error)
    {
        address = ConsulProviderConfig.DefaultAddress;
        error = "";
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "the Consul address is empty; give host:port or an http(s):// URL, e.g. 127.0.0.1:8500";
            return false;
        }

        var hasScheme = trimmed.Contains("://", StringComparison.Ordinal);
        var candidate = hasScheme ? trimmed : "http://" + trimmed;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || parsed.Host.Length == 0
            || parsed.AbsolutePath != "/")
        {
            error = $"'{trimmed}' is not a Consul address; give host:port or an http(s):// URL, e.g. 127.0.0.1:8500";
            return false;
        }

        var builder = new UriBuilder(parsed);
        // "host" alone means Consul's port, not HTTP's; "[::1]" has colons but no port.
        var portGiven = trimmed.LastIndexOf(':') > trimmed.LastIndexOf(']');
        if (!hasScheme && !portGiven)
        {
            builder.Port = DefaultPort;
        }

        address = builder.Uri;
        return true;
    }
}
