namespace Beamchain.Node.Chain;

/// <summary>
/// Where a <see cref="ChainState"/> keeps its main chain. Genesis is never stored. Each
/// method returns only once the change is durable, and a change is all or nothing.
/// </summary>
public interface IChainStore
{
    /// <summary>The stored blocks above genesis (heights 1, 2, …), as already checked by the store.</summary>
    IReadOnlyList<Block> Blocks { get; }

    /// <summary>Adds the block at height <c>Blocks.Count + 1</c>.</summary>
    void Append(Block block);

    /// <summary>Drops the blocks from <paramref name="height"/> up and puts <paramref name="blocks"/> (starting at that height) in their place, atomically.</summary>
    void ReplaceFrom(ulong height, IReadOnlyList<Block> blocks);
}
