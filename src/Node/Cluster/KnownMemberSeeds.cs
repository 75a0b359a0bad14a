using Proto.Cluster.Seed;

namespace Beamchain.Node.Cluster;

/// <summary>
/// Seeds for a member joining again: every member address it knew before it was dropped (and
/// its <c>--seed</c>), so it finds the cluster through whichever of them is still alive, even
/// when the original seed is the one that was dropped.
/// </summary>
public sealed class KnownMemberSeeds(IReadOnlyList<string> addresses) : ISeedNodeDiscovery
{
    public Task Register(string memberId, string host, int port) => Task.CompletedTask;

    public Task Remove(string memberId) => Task.CompletedTask;

    public Task<(string memberId, string host, int port)[]> GetAll() =>
        Task.FromResult(addresses
            .Distinct(StringComparer.Ordinal)
            .Select(a => SeedAddress.TryParse(a, out var seed) ? seed : null)
            .OfType<SeedAddress>()
            .Select(s => ($"seed@{s}", s.Host, s.Port))
            .ToArray());
}
