using System.Net;
using System.Net.Sockets;

namespace Beamchain.Harness;

/// <summary>
/// A loopback port that was free a moment ago, for servers that must be told their port before
/// they start (node processes, Consul agents) and for "nothing listens there" cases. Anything
/// that can bind port 0 itself should do that instead.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
