using Beamchain.Node.Chain;

namespace Beamchain.Harness.Faults;

/// <summary>
/// What the stores left at the end of a fault run say, judged against the requests that were
/// acknowledged: the ones in no main-chain block (lost), the ones in more than one (twice),
/// requests refused outright that were mined all the same, and how many nodes end on a tip
/// other than the majority's.
/// </summary>
public sealed record ChainVerdict(IReadOnlyList<string> Lost, IReadOnlyList<string> Twice, IReadOnlyList<string> RefusedYetMined, int Disagreeing, int Nodes, int Acknowledged)
{
    public bool Healthy => Lost.Count == 0 && Twice.Count == 0 && RefusedYetMined.Count == 0 && Disagreeing == 0;

    /// <summary>Judges <paramref name="chains"/> (each node's main chain, by node name) by the majority's tip; a request is its block's data.</summary>
    public static ChainVerdict Of(IReadOnlyCollection<string> acknowledged, IReadOnlyDictionary<string, IReadOnlyList<Block>> chains, IReadOnlyCollection<string>? refused = null)
    {
        var majority = chains.Values.GroupBy(c => c.Count == 0 ? "" : c[^1].Hash.ToHex()).MaxBy(g => g.Count())!;
        var blocks = majority.First();
        var lost = acknowledged.Where(d => blocks.All(b => b.Data != d)).ToArray();
        var twice = acknowledged.Where(d => blocks.Count(b => b.Data == d) > 1).ToArray();
        var refusedYetMined = (refused ?? []).Where(d => blocks.Any(b => b.Data == d)).ToArray();
        return new ChainVerdict(lost, twice, refusedYetMined, chains.Count - majority.Count(), chains.Count, acknowledged.Count);
    }

    public override string ToString() =>
        $"acknowledged requests: {Acknowledged}; lost: {Lost.Count}{List(Lost)}; mined into two blocks: {Twice.Count}{List(Twice)}; refused yet mined: {RefusedYetMined.Count}{List(RefusedYetMined)}; nodes disagreeing at the end: {Disagreeing} of {Nodes}";

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "" : $" ({string.Join(", ", items)})";
}
