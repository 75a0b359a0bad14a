using Beamchain.Kernels.Header;

namespace Beamchain.Node.Mining;

/// <summary>A job that ended with a verified solution: the solved header, its figures, and how long it ran.</summary>
public sealed record SolvedJob(string JobId, BlockHeader Header, string SolvedBy, JobFigures Figures, TimeSpan Elapsed)
{
    /// <summary>Nonces completed per second over the job.</summary>
    public double Rate => Elapsed > TimeSpan.Zero ? Figures.Completed / Elapsed.TotalSeconds : 0;
}
