using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>The height contract every <see cref="IChainStore"/> enforces: stored blocks are heights 1, 2, … with no gaps.</summary>
internal static class StoredHeights
{
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
                throw new InvalidOperationException($"blocks must run from height {height} without gaps; got {blocks[i].Height} at position {i}");
            }
        }
    }

    /// <summary>Blocks <paramref name="from"/>.. of a store holding 1..<paramref name="height"/>, up to <paramref name="count"/> and, after the first, <paramref name="maxBytes"/> of data.</summary>
    public static IReadOnlyList<Block> Range(ulong from, int count, ulong height, long maxBytes, Func<ulong, Block> read)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var blocks = new List<Block>();
        long bytes = 0;
        for (var h = Math.Max(from, 1); h <= height && blocks.Count < count; h++)
        {
            var block = read(h);
            bytes += BlockHeader.Size + block.Data.Length + block.RequestId.Length;
            if (blocks.Count > 0 && bytes > maxBytes)
            {
                break;
            }

            blocks.Add(block);
        }

        return blocks;
    }
}
