using System.Net;
using System.Net.Sockets;

namespace Beamchain.Node.Tests.Membership;

/// <summary>A loopback port that was free a moment ago: for agents started on their own ports, and "no agent there" cases.</summary>
internal static class FreeLoopbackPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
