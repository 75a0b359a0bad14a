namespace Beamchain.Node.Grid;

/// <summary>The gateway as <c>status</c> and <c>/api/grid</c> show it; <see cref="Rejected"/> is keyed by error name.</summary>
public sealed record GridStatus(
    string Miner,
    string? JobId,
    double VerifiedRate,
    ulong Accepted,
    ulong Blocks,
    IReadOnlyDictionary<string, ulong> Rejected,
    int HeldLeases,
    ulong AuditsPassed,
    ulong AuditsFailed,
    ulong AuditsSkipped,
    IReadOnlyList<GridClientStatus> Clients);
