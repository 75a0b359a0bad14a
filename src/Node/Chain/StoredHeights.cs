namespace Beamchain.Node.Chain;

/// <summary>The height contract every <see cref="IChainStore"/> enforces: stored blocks are heights 1, 2, … with no gaps.</summary>
internal static class StoredHeights
{
    public static void RequireNext(Block block, int storedCount)
    {
        if (block.Height != (ulong)storedCount + 1)
        {
            throw new InvalidOperationException($"the store holds heights 1..{storedCount}; it cannot append height {block.Height}");
        }
    }

    public static void RequireReplacement(ulong height, IReadOnlyList<Block> blocks, int storedCount)
    {
        if (height < 1 || height > (ulong)storedCount + 1)
        {
            throw new InvalidOperationException($"the store holds heights 1..{storedCount}; it cannot replace from height {height}");
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Height != height + (ulong)i)
            {
                throw new InvalidOperationException($"replacement blocks must run from height {height} without gaps; got {blocks[i].Height} at position {i}");
            }
        }
    }
}
