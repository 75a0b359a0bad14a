using Beamchain.Node.Chain;
using Beamchain.Node.Text;

namespace Beamchain.Node.Grains;

/// <summary>
/// Every line a <see cref="ChainReplica"/> prints: new blocks, reorganisations, refusals, blocks
/// held for the clock, requests queued again. The replica decides and changes state; this only
/// words it, so each line is tested without an actor.
/// </summary>
public sealed class ReplicaLog(TextWriter output)
{
    // More new blocks than this at once print as one line.
    public const int ManyBlocks = 10;

    public void RefusedBlock(string source, string error) => output.WriteLine($"refused a block from {source}: {error}");

    public void HoldingBlock(Block block, string source, TimeSpan wait) =>
        output.WriteLine($"holding block {block.Height} from {Describe(source)} for {wait.TotalSeconds:0} s, until its timestamp is no longer too far ahead");

    public void HoldingChain(string source, TimeSpan retry) =>
        output.WriteLine($"holding the rest of {source}'s chain for {retry.TotalSeconds:0} s, until its timestamps are no longer too far ahead");

    public void Mined(Block block, JobSummary summary) => output.WriteLine(summary.Describe(block.Height));

    /// <summary>What an update did: each new block unless <paramref name="quiet"/> (a sync prints progress instead), a reorganisation, a refusal.</summary>
    public void Update(ChainUpdate update, string source, bool quiet = false)
    {
        if (!quiet && update.Added.Count > ManyBlocks)
        {
            output.WriteLine($"new blocks {update.Added[0].Height}..{update.Added[^1].Height} ({update.Added.Count} blocks, fetched from {source})");
        }

        foreach (var added in quiet || update.Added.Count > ManyBlocks ? [] : update.Added)
        {
            output.WriteLine($"new block {added.Height} {added.Hash} \"{PrintableText.Echo(added.Data)}\"");
        }

        Reorganized(update);
        if (update.Outcome is ChainUpdateOutcome.Rejected or ChainUpdateOutcome.UnknownParent || !update.Verdict.IsValid)
        {
            output.WriteLine($"{(IsHeld(update) ? "not yet taking" : "refused")} blocks from {Describe(source)}: {update.Message}");
        }
    }

    public void Reorganized(ChainUpdate update)
    {
        if (update.Outcome == ChainUpdateOutcome.Reorganized)
        {
            output.WriteLine($"chain: {update.Message}");
        }
    }

    public void Requeued(MineRequest request) =>
        output.WriteLine($"chain: request {request.RequestId} (\"{PrintableText.Echo(request.Data)}\") left the main chain; queued again");

    /// <summary>The chain grain's answer to a request sent back to it; <paramref name="failure"/> when none came.</summary>
    public void RequeueAnswered(MineRequest request, MineAccepted? answer, string? failure) =>
        output.WriteLine(failure is not null
            ? $"chain: request {request.RequestId} could not be queued again: {failure}"
            : $"chain: request {request.RequestId}: {(answer is null ? "no answer from the chain grain" : answer.Error.Length > 0 ? answer.Error : answer.Place == 0 ? "already in a main-chain block" : $"queued at place {answer.Place}")}");

    /// <summary>A block refused only for being stamped too far ahead of this node's clock: held and offered again, not refused for good.</summary>
    public static bool IsHeld(ChainUpdate update) => update.Verdict.Rejection == BlockRejection.TimestampTooFarAhead;

    private static string Describe(string source) => source.Length > 0 ? source : "this node";
}
