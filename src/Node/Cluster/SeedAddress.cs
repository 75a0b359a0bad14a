using System.Diagnostics.CodeAnalysis;

namespace Beamchain.Node.Cluster;

/// <summary>A seed member's Proto.Remote endpoint, as given to <c>--seed host:port</c>.</summary>
public sealed record SeedAddress(string Host, int Port)
{
    public static bool TryParse(string text, [NotNullWhen(true)] out SeedAddress? seed)
    {
        seed = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        seed = new SeedAddress(text[..colon], port);
        return true;
    }

    public override string ToString() => $"{Host}:{Port}";
}
