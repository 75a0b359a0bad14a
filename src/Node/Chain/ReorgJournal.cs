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

    /// <summary>
    /// The journal in <paramref name="directory"/> when it is whole and <paramref name="blockFile"/>
    /// does not already hold its records (a replacement a crash interrupted); null otherwise
    /// (<paramref name="torn"/> says when it was torn). Both checks stream: the journal of a deep
    /// replacement of large blocks can be tens of megabytes, and it stays after the replacement,
    /// so a start reads it into memory only when it has to finish it.
    /// </summary>
    public static ReorgJournal? FindUnfinished(string directory, FileStream blockFile, out bool torn)
    {
        var path = Path.Combine(directory, FileName);
        torn = false;
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] trailer = new byte[32], head = new byte[HeadSize];
        using (var journal = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            var length = journal.Length;
            if (length < HeadSize + 32
                || RandomAccess.Read(journal.SafeFileHandle, head, 0) != HeadSize || !head.AsSpan(0, Magic.Length).SequenceEqual(Magic)
                || RandomAccess.Read(journal.SafeFileHandle, trailer, length - 32) != 32
                || !HashOf(journal, 0, length - 32).AsSpan().SequenceEqual(trailer))
            {
                torn = true;
                return null;
            }

            // Applied: the head followed by the block file's bytes where the records go hash to the trailer.
            var keepBytes = BinaryPrimitives.ReadInt64BigEndian(head.AsSpan(Magic.Length + 8));
            var recordBytes = length - HeadSize - 32;
            if (blockFile.Length >= keepBytes + recordBytes && HashOf(blockFile, keepBytes, recordBytes, prefix: head).AsSpan().SequenceEqual(trailer))
            {
                return null;
            }
        }

        return Read(directory, out torn);
    }

    private static byte[] HashOf(FileStream file, long offset, long count, byte[]? prefix = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (prefix is not null)
        {
            hash.AppendData(prefix);
        }

        var buffer = new byte[1 << 20];
        while (count > 0)
        {
            var read = RandomAccess.Read(file.SafeFileHandle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, count)), offset);
            if (read == 0)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            offset += read;
            count -= read;
        }

        return hash.GetHashAndReset();
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
