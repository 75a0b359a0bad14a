namespace Beamchain.Node.Grid;

/// <summary>The gateway as <c>status</c> and (<see cref="ForPublic"/>) <c>/api/grid</c> show it; <see cref="Rejected"/> is keyed by error name.</summary>
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
    IReadOnlyList<GridClientStatus> Clients)
{
    /// <summary>The length a session id is cut to on public pages, as the dashboard shows it.</summary>
    public const int PublicSessionLength = 8;

    /// <summary>What anyone may see: no volunteer's address, and session ids cut short.</summary>
    public GridStatus ForPublic() => this with
    {
        Clients = [.. Clients.Select(c => c with { Session = c.Session[..Math.Min(PublicSessionLength, c.Session.Length)], Address = null })],
    };
}
