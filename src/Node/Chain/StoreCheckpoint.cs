using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Beamchain.Node.Chain;

/// <summary>
/// The verified prefix of a store: its first <see cref="Count"/> blocks were checked, and the
/// index file's entries for them hash, segment by segment (<see cref="SegmentEntries"/>
/// entries each, the last one partial), to <see cref="SegmentHashes"/>. A start that finds
/// the index matching loads those entries instead of re-reading and re-checking every
/// record; a segment that does not match is re-checked from blocks.dat with everything after it.
/// File <c>blocks.checkpoint</c>: <c>BEAMCKP1 | count (8) | segment hashes (32 each) | SHA-256 of the preceding bytes (32)</c>,
/// replaced atomically (write, fsync, rename, fsync the directory).
/// </summary>
public sealed record StoreCheckpoint(int Count, IReadOnlyList<byte[]> SegmentHashes)
{
    public const string FileName = "blocks.checkpoint";
    public const int SegmentEntries = 4096;

    private static ReadOnlySpan<byte> Magic => "BEAMCKP1"u8;

    public static StoreCheckpoint Empty { get; } = new(0, []);

    /// <summary>The checkpoint in <paramref name="directory"/>; <see cref="Empty"/> when there is none or it is not whole.</summary>
    public static StoreCheckpoint Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return Empty;
        }

        var bytes = File.ReadAllBytes(path);
        var hashes = (bytes.Length - Magic.Length - 8 - 32) / 32;
        if (bytes.Length < Magic.Length + 8 + 32 || (bytes.Length - Magic.Length - 8) % 32 != 0 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || !SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            return Empty;
        }

        var count = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(Magic.Length));
        if (count < 0 || (count + SegmentEntries - 1) / SegmentEntries != hashes)
        {
            return Empty;
        }

        var segmentHashes = Enumerable.Range(0, hashes).Select(i => bytes.AsSpan(Magic.Length + 8 + i * 32, 32).ToArray()).ToArray();
        return new StoreCheckpoint((int)count, segmentHashes);
    }

    public void Write(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var bytes = new byte[Magic.Length + 8 + SegmentHashes.Count * 32 + 32];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Magic.Length), Count);
        for (var i = 0; i < SegmentHashes.Count; i++)
        {
            SegmentHashes[i].CopyTo(bytes, Magic.Length + 8 + i * 32);
        }

        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));
        DurableDirectory.ReplaceFile(path, bytes);
    }

    /// <summary>This checkpoint cut to its first <paramref name="count"/> blocks, or, where the cut falls inside a segment, to the segments before it.</summary>
    public StoreCheckpoint Cut(int count)
    {
        if (count >= Count)
        {
            return this;
        }

        var whole = count / SegmentEntries;
        return new StoreCheckpoint(whole * SegmentEntries, SegmentHashes.Take(whole).ToArray());
    }
}
