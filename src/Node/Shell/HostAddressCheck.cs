using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Beamchain.Node.Shell;

/// <summary>
/// <c>--host</c>: an IP address of this machine that a listener can bind. Checked before the node
/// starts because Proto.Remote listens on every interface when it cannot parse the address,
/// while the node would say it listens on the address given.
/// </summary>
public static class HostAddressCheck
{
    public static bool TryCheck(string host, [NotNullWhen(false)] out string? error)
    {
        if (!IPAddress.TryParse(host, out var address) || address.ToString() != host && !IsFullIPv4(host))
        {
            error = $"--host takes an IP address of this machine (127.0.0.1, or 0.0.0.0 for every interface), got '{host}'";
            return false;
        }

        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, 0));
        }
        catch (SocketException e)
        {
            error = $"--host {host}: cannot listen on that address here ({e.Message}); give the address of one of this machine's interfaces";
            return false;
        }

        error = null;
        return true;
    }

    // IPAddress.TryParse also takes "1.2.3" and "010.0.0.1"; an address is four plain decimal parts, or IPv6.
    private static bool IsFullIPv4(string host) =>
        host.Split('.') is { Length: 4 } parts && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0'));
}
