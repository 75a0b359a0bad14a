using System.Buffers.Binary;
using System.Security.Cryptography;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// What a store keeps in memory for each block above genesis: one fixed
/// <see cref="EntrySize"/>-byte entry, byte for byte what the index file holds:
/// <code>header (96) | hash (32) | record offset in blocks.dat (8, big-endian) | request key (4)</code>
/// Entries live in fixed-size chunks, so a growing chain never copies what it has.
/// Entry <c>i</c> is the block at height <c>i + 1</c>.
/// </summary>
public sealed class BlockIndex
{
    public const int EntrySize = BlockHeader.Size + Hash256.Size + 8 + 4;

    private const int HashOffset = BlockHeader.Size;
    private const int RecordOffset = HashOffset + Hash256.Size;
    private const int RequestKeyOffset = RecordOffset + 8;
    private const int ChunkEntries = 1 << 15;

    private readonly List<byte[]> _chunks = [];

    public int Count { get; private set; }

    public static void WriteEntry(Span<byte> entry, Block block, long recordOffset)
    {
        block.Header.WriteTo(entry);
        block.Hash.WriteTo(entry[HashOffset..]);
        BinaryPrimitives.WriteInt64BigEndian(entry[RecordOffset..], recordOffset);
        BinaryPrimitives.WriteUInt32BigEndian(entry[RequestKeyOffset..], block.RequestKey);
    }

    public void Add(ReadOnlySpan<byte> entry)
    {
        var chunk = Count / ChunkEntries;
        if (chunk == _chunks.Count)
        {
            _chunks.Add(new byte[ChunkEntries * EntrySize]);
        }

        entry[..EntrySize].CopyTo(Slot(Count));
        Count++;
    }

    public void Add(Block block, long recordOffset)
    {
        Span<byte> entry = stackalloc byte[EntrySize];
        WriteEntry(entry, block, recordOffset);
        Add(entry);
    }

    /// <summary>Keeps the first <paramref name="count"/> entries.</summary>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        Count = count;
        _chunks.RemoveRange((count + ChunkEntries - 1) / ChunkEntries, _chunks.Count - (count + ChunkEntries - 1) / ChunkEntries);
    }

    public ReadOnlySpan<byte> Entry(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Slot(index);
    }

    public BlockHeader Header(int index) => BlockHeader.Decode(Entry(index)[..BlockHeader.Size]);

    public uint BitsOf(int index) => BinaryPrimitives.ReadUInt32BigEndian(Entry(index)[BlockHeader.BitsOffset..]);

    public Hash256 Hash(int index) => Hash256.FromBytes(Entry(index).Slice(HashOffset, Hash256.Size));

    public long RecordStart(int index) => BinaryPrimitives.ReadInt64BigEndian(Entry(index)[RecordOffset..]);

    public uint RequestKeyOf(int index) => BinaryPrimitives.ReadUInt32BigEndian(Entry(index)[RequestKeyOffset..]);

    /// <summary>Writes entries <paramref name="from"/>..<paramref name="to"/> (exclusive) to <paramref name="output"/>.</summary>
    public void CopyTo(Stream output, int from, int to)
    {
        while (from < to)
        {
            var inChunk = Math.Min(to - from, ChunkEntries - from % ChunkEntries);
            output.Write(_chunks[from / ChunkEntries], from % ChunkEntries * EntrySize, inChunk * EntrySize);
            from += inChunk;
        }
    }

    /// <summary>SHA-256 of entries <paramref name="from"/>..<paramref name="to"/> (exclusive): what a checkpoint records of them.</summary>
    public byte[] HashOf(int from, int to)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        while (from < to)
        {
            var inChunk = Math.Min(to - from, ChunkEntries - from % ChunkEntries);
            hash.AppendData(_chunks[from / ChunkEntries], from % ChunkEntries * EntrySize, inChunk * EntrySize);
            from += inChunk;
        }

        return hash.GetHashAndReset();
    }

    private Span<byte> Slot(int index) => _chunks[index / ChunkEntries].AsSpan(index % ChunkEntries * EntrySize, EntrySize);
}
