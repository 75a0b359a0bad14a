using Beamchain.Node.Chain;

namespace Beamchain.Harness.Chains;

/// <summary>
/// A block file in the store's format (<c>BEAMCHN2</c> records) filled by a
/// <see cref="ChainGenerator"/>, for benchmarks that need a long chain: mining a million
/// blocks takes CPU-hours of hashing, so it is done once, resumed where a previous run
/// stopped, and reused. Writes are batched and fsynced every few thousand blocks (this is a
/// fixture, not a node's store: a crash costs at most the unsynced batch, cut as a torn tail).
/// </summary>
public static class GeneratedBlockFile
{
    private const int SyncEvery = 4096;

    /// <summary>
    /// Makes the file at <paramref name="path"/> hold blocks 1..<paramref name="count"/>
    /// (each with <paramref name="dataBytes"/> of data), mining only those it lacks.
    /// <paramref name="progress"/> hears the height reached now and then.
    /// </summary>
    public static void Extend(string path, int count, int dataBytes, int threads, bool mine, Action<ulong>? progress = null)
    {
        var (last, end) = LastWholeBlock(path);
        if (last.Height >= (ulong)count)
        {
            return;
        }

        using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        file.SetLength(end);
        file.Position = end;
        if (end == 0)
        {
            file.Write(BlockRecord.Magic);
        }

        using var generator = new ChainGenerator(threads, mine);
        using var output = new BufferedStream(file, 1 << 20);
        foreach (var block in generator.Generate(last, count - (int)last.Height, dataBytes))
        {
            output.Write(BlockRecord.Encode(block));
            if (block.Height % SyncEvery == 0)
            {
                output.Flush();
                file.Flush(flushToDisk: true);
                progress?.Invoke(block.Height);
            }
        }

        output.Flush();
        file.Flush(flushToDisk: true);
    }

    /// <summary>The last whole block in the file (genesis when there is none) and where the bytes after it start.</summary>
    private static (Block Last, long End) LastWholeBlock(string path)
    {
        if (!File.Exists(path))
        {
            return (Genesis.Block, 0);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var length = file.Length;
        if (length < BlockRecord.Magic.Length)
        {
            return (Genesis.Block, 0);
        }

        long offset = BlockRecord.Magic.Length;
        byte[]? lastPayload = null;
        while (true)
        {
            var read = BlockRecord.Read(file, offset, length);
            if (read.Status != BlockRecordStatus.Whole)
            {
                break;
            }

            lastPayload = read.Payload;
            offset = read.Next;
        }

        if (lastPayload is null)
        {
            return (Genesis.Block, BlockRecord.Magic.Length);
        }

        return BlockRecord.TryDecode(lastPayload, out var block, out var error)
            ? (block, offset)
            : throw new InvalidDataException($"{path}: {error}");
    }
}
