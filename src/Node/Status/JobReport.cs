namespace Beamchain.Node.Status;

/// <summary>The job being mined (for the request <see cref="RequestId"/>) and the dispenser's figures for it: nonces issued, completed, re-issued after an expired lease and duplicated (must stay 0), per node.</summary>
public sealed record JobReport(
    string JobId,
    string RequestId,
    ulong Height,
    double Seconds,
    ulong Issued,
    ulong Completed,
    int OpenLeases,
    ulong Reissued,
    ulong Duplicated,
    IReadOnlyList<NonceCount> HashedByNode,
    IReadOnlyList<NonceCount> OpenByNode);
