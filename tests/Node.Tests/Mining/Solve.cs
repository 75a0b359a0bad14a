using Beamchain.Node.Mining;

namespace Beamchain.Node.Tests.Mining;

/// <summary>A solved job and the leases still open when it was solved.</summary>
internal sealed record Solve(SolvedJob Job, IReadOnlyList<Lease> OpenAtSolve);
