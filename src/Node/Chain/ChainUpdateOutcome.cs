namespace Beamchain.Node.Chain;

/// <summary>What offering blocks to a <see cref="ChainState"/> did.</summary>
public enum ChainUpdateOutcome
{
    /// <summary>The blocks extended the tip.</summary>
    Extended,

    /// <summary>The blocks formed a branch with more work; it replaced the main chain from the common ancestor.</summary>
    Reorganized,

    /// <summary>Every block was already on the main chain; nothing changed.</summary>
    AlreadyKnown,

    /// <summary>A block broke a rule (see the verdict); nothing changed.</summary>
    Rejected,

    /// <summary>A valid branch with no more work than the main chain from the same ancestor; the main chain stays (first seen wins ties).</summary>
    LessWork,

    /// <summary>The first new block's parent is not on the main chain: fetch earlier blocks from the sender and offer them together.</summary>
    UnknownParent,
}
