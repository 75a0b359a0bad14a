using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Beamchain.Node.Chain;

/// <summary>
/// What a reorganisation is about to do to blocks.dat, made durable before it starts: keep
/// the first <see cref="KeepCount"/> blocks (<see cref="KeepBytes"/> bytes of the file),
/// then write <see cref="Records"/>. Applying it is idempotent, so a start that finds a
/// whole journal whose records blocks.dat does not already hold finishes the replacement,
/// and one that finds a torn journal ignores it (blocks.dat is not touched until the
/// journal is whole on disk): a crash leaves the old chain or the new one, and the work
/// done is the depth, not the chain's length. The file stays after a replacement and is
/// overwritten in place by the next, so a replacement costs two fsyncs (journal, block file).
/// File <c>blocks.reorg</c>: <c>BEAMRRG1 | keep count (8) | keep bytes (8) | records | SHA-256 of the preceding bytes (32)</c>.
/// </summary>
public sealed record ReorgJournal(int KeepCount, long KeepBytes, byte[] Records)
{
    public const string FileName = "blocks.reorg";

    private const int HeadSize = 8 + 8 + 8;

    private static ReadOnlySpan<byte> Magic => "BEAMRRG1"u8;

    /// <summary>The whole journal in <paramref name="directory"/>; null when there is none, and when it is torn (then <paramref name="torn"/> is true).</summary>
    public static ReorgJournal? Read(string directory, out bool torn)
    {
        var path = Path.Combine(directory, FileName);
        torn = false;
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < HeadSize + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || !SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            torn = true;
            return null;
        }

        var keepCount = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(Magic.Length));
        var keepBytes = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(Magic.Length + 8));
        return new ReorgJournal((int)keepCount, keepBytes, bytes.AsSpan(HeadSize, bytes.Length - HeadSize - 32).ToArray());
    }

    public void Write(string directory)
    {
        var bytes = new byte[HeadSize + Records.Length + 32];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Magic.Length), KeepCount);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Magic.Length + 8), KeepBytes);
        Records.CopyTo(bytes, HeadSize);
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));
        var path = Path.Combine(directory, FileName);
        var existed = File.Exists(path);
        using (var output = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None))
        {
            output.SetLength(0);
            output.Write(bytes);
            output.Flush(flushToDisk: true);
        }

        // Only a new file's name needs the directory flushed; an overwritten one's is already durable.
        if (!existed)
        {
            DurableDirectory.FlushEntries(directory);
        }
    }

    /// <summary>True when <paramref name="blockFile"/> already holds this journal's records where it puts them (the replacement finished).</summary>
    public bool IsAppliedTo(FileStream blockFile)
    {
        if (blockFile.Length < KeepBytes + Records.Length)
        {
            return false;
        }

        var found = new byte[Records.Length];
        return RandomAccess.Read(blockFile.SafeFileHandle, found, KeepBytes) == found.Length && found.AsSpan().SequenceEqual(Records);
    }
}
