using Beamchain.Harness.Processes;

namespace Beamchain.Node.Tests.Browser;

/// <summary>Where a node process started with <c>--grid-port 0</c> serves its pages, as it printed on start.</summary>
public static class NodeWebAddress
{
    private const string Marker = ": web pages at ";

    public static async Task<Uri> ReadAsync(NodeProcess node, TimeSpan timeout)
    {
        var line = await node.WaitForLineAsync(l => l.StartsWith(node.Name + Marker, StringComparison.Ordinal), timeout, "the node's web address");
        var rest = line.Text[(node.Name.Length + Marker.Length)..];
        return new Uri(rest[..rest.IndexOf(": ", StringComparison.Ordinal)]);
    }
}
