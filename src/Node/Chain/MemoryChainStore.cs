namespace Beamchain.Node.Chain;

/// <summary>A store that forgets everything when the process ends: for tests and throwaway nodes.</summary>
public sealed class MemoryChainStore : IChainStore
{
    private readonly List<Block> _blocks = [];

    public IReadOnlyList<Block> Blocks => _blocks;

    public void Append(Block block)
    {
        StoredHeights.RequireNext(block, _blocks.Count);
        _blocks.Add(block);
    }

    public void ReplaceFrom(ulong height, IReadOnlyList<Block> blocks)
    {
        StoredHeights.RequireReplacement(height, blocks, _blocks.Count);
        _blocks.RemoveRange((int)height - 1, _blocks.Count - ((int)height - 1));
        _blocks.AddRange(blocks);
    }
}
