namespace Beamchain.Node.Grid;

/// <summary>One volunteer as <c>status</c> and <c>/api/grid</c> show it.</summary>
public sealed record GridClientStatus(
    string Session,
    string Address,
    string Engine,
    double VerifiedRate,
    double VerifiedHashes,
    ulong Accepted,
    ulong Rejected,
    int Outstanding,
    int FinishedWorks,
    int Audited);
