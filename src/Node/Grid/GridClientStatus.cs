namespace Beamchain.Node.Grid;

/// <summary>
/// One volunteer as <c>status</c> and <c>/api/grid</c> show it: <see cref="Seconds"/> since its
/// hello, <see cref="VerifiedHashes"/> proven by shares since then. <see cref="Client"/> is its
/// address keyed-hashed (<see cref="ClientIds"/>); <see cref="Address"/> itself is for the
/// operator only and null on public pages (<see cref="GridStatus.ForPublic"/>).
/// </summary>
public sealed record GridClientStatus(
    string Session,
    string Client,
    string? Address,
    string Engine,
    double Seconds,
    double VerifiedRate,
    double VerifiedHashes,
    ulong Accepted,
    ulong Rejected,
    int Outstanding,
    int FinishedWorks,
    int Audited);
