using Beamchain.Node.Chain;

namespace Beamchain.Node.Tests.Chain;

/// <summary>Test shorthands over a store: all its blocks as a list, and one-block appends.</summary>
internal static class StoredBlocks
{
    extension(IChainStore store)
    {
        public IReadOnlyList<Block> Blocks => store.ReadRange(1, (int)store.Height);

        public void Append(Block block) => store.Append([block]);
    }
}
