namespace Beamchain.Kernels.Search;

/// <summary>
/// How many nonces were hashed (fewer than asked when cancelled) and the qualifying ones found,
/// ascending and distinct. When more than <see cref="MaxFound"/> qualify, only
/// <see cref="MaxFound"/> of them are reported (which ones depends on the device).
/// </summary>
public sealed record SearchResult(ulong Hashed, IReadOnlyList<ulong> Found)
{
    /// <summary>A search reports at most this many qualifying nonces; more are never needed for one block.</summary>
    public const int MaxFound = 16;
}
