namespace Beamchain.Node.Mining;

/// <summary>
/// Per-job accounting, in nonces. <see cref="Duplicated"/> counts nonces completed more than
/// once; the book's rules keep it at 0, and it is measured, not assumed.
/// </summary>
public sealed record JobFigures(
    ulong Issued,
    ulong Completed,
    ulong Reissued,
    ulong Duplicated,
    ulong Expired,
    IReadOnlyDictionary<string, ulong> HashesPerNode,
    IReadOnlyList<CompletedRange> CompletedRanges);
