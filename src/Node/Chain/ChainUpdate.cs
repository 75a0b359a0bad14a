namespace Beamchain.Node.Chain;

/// <summary>The result of <see cref="ChainState.TryAdopt"/>: what happened, for logs and for peers.</summary>
public sealed record ChainUpdate(ChainUpdateOutcome Outcome, string Message)
{
    /// <summary>For <see cref="ChainUpdateOutcome.Rejected"/>: the rule the block broke.</summary>
    public BlockVerdict Verdict { get; init; } = BlockVerdict.Valid;

    /// <summary>Blocks that joined the main chain, ascending.</summary>
    public IReadOnlyList<Block> Added { get; init; } = [];

    /// <summary>Blocks that left the main chain in a reorganisation, ascending.</summary>
    public IReadOnlyList<Block> Removed { get; init; } = [];

    /// <summary>True when the tip moved.</summary>
    public bool Changed => Outcome is ChainUpdateOutcome.Extended or ChainUpdateOutcome.Reorganized;

    public override string ToString() => $"{Outcome}: {Message}";
}
