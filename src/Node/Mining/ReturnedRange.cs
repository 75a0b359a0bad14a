using Beamchain.Kernels.Search;

namespace Beamchain.Node.Mining;

/// <summary>Nonces waiting to be issued again: the unfinished part of <paramref name="FromNode"/>'s lease, which expired or was handed back.</summary>
public sealed record ReturnedRange(NonceRange Range, string FromNode, bool Expired)
{
    public string Why => Expired ? "expired" : "handed back";
}
