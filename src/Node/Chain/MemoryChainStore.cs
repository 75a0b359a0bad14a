using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>A store that forgets everything when the process ends: for tests and throwaway nodes.</summary>
public sealed class MemoryChainStore : IChainStore
{
    private readonly List<Block> _blocks = [];

    public ulong Height => (ulong)_blocks.Count;

    public BlockHeader Header(ulong height) => Read(height).Header;

    public Hash256 Hash(ulong height) => Read(height).Hash;

    public uint RequestKeyAt(ulong height) => Read(height).RequestKey;

    public void ForEachSummary(Action<ulong, uint, Hash256, uint> visit)
    {
        foreach (var block in _blocks)
        {
            visit(block.Height, block.Header.Bits, block.Hash, block.RequestKey);
        }
    }

    public Block Read(ulong height) =>
        height >= 1 && height <= Height ? _blocks[(int)height - 1] : throw new ArgumentOutOfRangeException(nameof(height), $"the store holds heights 1..{Height}");

    public IReadOnlyList<Block> ReadRange(ulong from, int count, long maxBytes = long.MaxValue) =>
        StoredHeights.Range(from, count, Height, maxBytes, Read);

    public byte[] ReadRecords(ulong from, int count, long maxBytes = long.MaxValue) =>
        [.. ReadRange(from, count, maxBytes).SelectMany(BlockRecord.Encode)];

    public void CopyHeaders(ulong from, Span<byte> destination)
    {
        for (var i = 0; i < destination.Length / BlockHeader.Size; i++)
        {
            Header(from + (ulong)i).WriteTo(destination[(i * BlockHeader.Size)..]);
        }
    }

    public void Append(IReadOnlyList<Block> blocks)
    {
        StoredHeights.RequireReplacement(Height + 1, blocks, _blocks.Count);
        _blocks.AddRange(blocks);
    }

    public void ReplaceFrom(ulong height, IReadOnlyList<Block> blocks)
    {
        StoredHeights.RequireReplacement(height, blocks, _blocks.Count);
        _blocks.RemoveRange((int)height - 1, _blocks.Count - ((int)height - 1));
        _blocks.AddRange(blocks);
    }
}
