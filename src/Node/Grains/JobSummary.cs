using Beamchain.Node.Mining;

namespace Beamchain.Node.Grains;

public sealed partial class JobSummary
{
    public static JobSummary From(SolvedJob job)
    {
        var summary = new JobSummary
        {
            Seconds = job.Elapsed.TotalSeconds,
            Rate = job.Rate,
            Issued = job.Figures.Issued,
            Completed = job.Figures.Completed,
            Reissued = job.Figures.Reissued,
            Duplicated = job.Figures.Duplicated,
            SolvedBy = job.SolvedBy,
        };
        summary.Nodes.AddRange(job.Figures.HashesPerNode.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new NodeNonces { Node = p.Key, Nonces = p.Value }));
        summary.CompletedRanges.AddRange(job.Figures.CompletedRanges.Select(r => new NonceSpan { Node = r.Node, Start = r.Start, Count = r.Count }));
        return summary;
    }

    /// <summary>The line every node prints under a new block.</summary>
    public string Describe(ulong height) =>
        $"block {height} mined in {Seconds:F2} s at {Rate / 1e6:F2} MH/s, solved by {SolvedBy}; nonces per node: "
        + string.Join(", ", Nodes.Select(n => $"{n.Node} {n.Nonces}"));
}
