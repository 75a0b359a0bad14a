namespace Beamchain.Node.Chain;

/// <summary>The result of <see cref="ChainState.TryAdopt"/>: what happened, for logs and for peers.</summary>
public sealed record ChainUpdate(ChainUpdateOutcome Outcome, string Message)
{
    /// <summary>The rule a block broke: for <see cref="ChainUpdateOutcome.Rejected"/>, or for the rest of a branch whose valid prefix was taken.</summary>
    public BlockVerdict Verdict { get; init; } = BlockVerdict.Valid;

    /// <summary>Blocks that joined the main chain, ascending.</summary>
    public IReadOnlyList<Block> Added { get; init; } = [];

    /// <summary>Blocks that left the main chain in a reorganisation, ascending.</summary>
    public IReadOnlyList<Block> Removed { get; init; } = [];

    /// <summary>True when the tip moved.</summary>
    public bool Changed => Outcome is ChainUpdateOutcome.Extended or ChainUpdateOutcome.Reorganized;

    public override string ToString() => $"{Outcome}: {Message}";
}
