namespace Beamchain.Node.Chain;

/// <summary>
/// A node's durable chain: one append-only file of <see cref="BlockRecord"/>s under the
/// node's data directory, after an 8-byte magic.
/// <list type="bullet">
/// <item>Append writes one record and fsyncs before returning, so a block is durable
/// before anyone is told it was added.</item>
/// <item>A crash can only tear the last record. At open, a bad record is a torn tail unless
/// a whole record follows it; the tail is cut and logged (once: it is gone afterwards).</item>
/// <item>A bad record with a whole one after it, or a whole record whose block fails its
/// links (always checked) or proof of work (unless trusted), is damage: it is reported with
/// its height, the file as found is copied aside, and the chain keeps the blocks before it.</item>
/// <item>Replacing a suffix (fork choice) writes a complete new file beside the old one,
/// fsyncs it, renames it over the old one (atomic) and fsyncs the directory. A crash leaves
/// either the old chain or the new one; a leftover temporary file is deleted at open.</item>
/// </list>
/// A lock file keeps a second process from opening the same directory.
/// </summary>
public sealed class ChainStore : IChainStore, IDisposable
{
    public const string FileName = "blocks.dat";
    public const string LockFileName = "node.lock";

    private static ReadOnlySpan<byte> Magic => "BEAMCHN1"u8;

    private readonly FileStream _lock;
    private readonly TextWriter _log;
    private readonly List<Block> _blocks = [];

    // _offsets[i] is where the record of height i + 1 starts.
    private readonly List<long> _offsets = [];
    private FileStream? _file;

    private ChainStore(string directory, FileStream lockFile, TextWriter log)
    {
        Directory = directory;
        _lock = lockFile;
        _log = log;
    }

    public string Directory { get; }

    public string FilePath => Path.Combine(Directory, FileName);

    public IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>Bytes of a torn tail cut at open; 0 when there was none.</summary>
    public long TornTailBytes { get; private set; }

    /// <summary>The damaged block found at open, if any.</summary>
    public StoreDamage? Damage { get; private set; }

    private string TempPath => FilePath + ".tmp";

    /// <summary>The default data directory of node <paramref name="nodeName"/>: beamchain/&lt;name&gt; under the user's local data folder.</summary>
    public static string DefaultDirectory(string nodeName)
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            throw new ChainStoreException("this user has no local data folder (is HOME set?); pass --data-dir <folder>");
        }

        return Path.Combine(root, "beamchain", nodeName);
    }

    /// <summary>
    /// Opens (creating when needed) the store in <paramref name="directory"/> and checks the
    /// stored chain; recoveries are written to <paramref name="log"/>. Throws
    /// <see cref="ChainStoreException"/> when the directory cannot be used.
    /// </summary>
    public static ChainStore Open(string directory, ChainRules rules, bool trustStore, TextWriter log)
    {
        var fullPath = Path.GetFullPath(directory);
        FileStream lockFile;
        try
        {
            System.IO.Directory.CreateDirectory(fullPath);
            lockFile = new FileStream(Path.Combine(fullPath, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (System.IO.Directory.Exists(fullPath) && File.Exists(Path.Combine(fullPath, LockFileName)))
        {
            throw new ChainStoreException($"the data directory {fullPath} is in use by another node process; give each node its own --data-dir", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ChainStoreException($"cannot use {fullPath} as a data directory: {e.Message}; pass --data-dir with a folder this user can write", e);
        }

        var store = new ChainStore(fullPath, lockFile, log);
        try
        {
            store.Load(new BlockValidator(rules, TimeProvider.System), trustStore);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public void Append(Block block)
    {
        var file = Usable();
        StoredHeights.RequireNext(block, _blocks.Count);
        var record = BlockRecord.Encode(block);
        var start = file.Length;
        try
        {
            file.Position = start;
            file.Write(record);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            // A partial record must not stay in front of the next append.
            CutTo(start);
            throw;
        }

        _offsets.Add(start);
        _blocks.Add(block);
    }

    public void ReplaceFrom(ulong height, IReadOnlyList<Block> blocks)
    {
        StoredHeights.RequireReplacement(height, blocks, _blocks.Count);
        var keep = (int)height - 1;
        Rewrite(keep, keep < _offsets.Count ? _offsets[keep] : Usable().Length, blocks);
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
        _lock.Dispose();
    }

    private void Load(BlockValidator validator, bool trustStore)
    {
        if (File.Exists(TempPath))
        {
            File.Delete(TempPath);
            _log.WriteLine($"store: removed {TempPath}, left by a chain replacement that never finished; the chain is as it was before it");
        }

        if (!File.Exists(FilePath))
        {
            ReplaceFile(output => output.Write(Magic));
        }

        var file = _file = OpenFile();
        var length = file.Length;
        Span<byte> magic = stackalloc byte[Magic.Length];
        if (length < Magic.Length || file.Read(magic) != Magic.Length || !magic.SequenceEqual(Magic))
        {
            throw new ChainStoreException($"{FilePath} is not a Beamchain block file (its first bytes are not {System.Text.Encoding.ASCII.GetString(Magic)}); move it away or pass another --data-dir");
        }

        var parent = Genesis.Block;
        long offset = Magic.Length;
        while (offset < length)
        {
            var height = (ulong)_blocks.Count + 1;
            var read = BlockRecord.Read(file, offset, length);
            if (read.Status != BlockRecordStatus.Whole)
            {
                if (read.Status == BlockRecordStatus.Corrupt && BlockRecord.Read(file, read.Next, length).Status == BlockRecordStatus.Whole)
                {
                    Quarantine(height, offset, "its record's checksum does not match its bytes (they changed after it was written)");
                }
                else
                {
                    TornTailBytes = length - offset;
                    CutTo(offset);
                    _log.WriteLine($"store: cut a torn tail of {TornTailBytes} bytes after block {height - 1} (an append that never completed)");
                }

                return;
            }

            if (!BlockRecord.TryDecode(read.Payload, out var block, out var error))
            {
                Quarantine(height, offset, error);
                return;
            }

            var verdict = validator.CheckLinks(parent, block);
            if (verdict.IsValid && !trustStore)
            {
                verdict = validator.CheckWork(parent, block);
            }

            if (!verdict.IsValid)
            {
                Quarantine(height, offset, verdict.ToString());
                return;
            }

            _offsets.Add(offset);
            _blocks.Add(block);
            parent = block;
            offset = read.Next;
        }
    }

    /// <summary>Keeps the blocks below <paramref name="height"/> (whose record starts at <paramref name="offset"/>), saving the file as found for inspection.</summary>
    private void Quarantine(ulong height, long offset, string reason)
    {
        var copy = FreeCopyPath();
        File.Copy(FilePath, copy);
        using (var saved = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite))
        {
            saved.Flush(flushToDisk: true);
        }

        Rewrite(_blocks.Count, offset, []);
        Damage = new StoreDamage(height, reason, copy);
        _log.WriteLine($"store: block at height {height} is damaged and not used: {reason}. The chain ends at block {height - 1} until peers supply the rest; the file as found is saved as {copy}");
    }

    /// <summary>Keeps the first <paramref name="keep"/> stored blocks (the file's first <paramref name="keepBytes"/>), then <paramref name="blocks"/>, as a new file put in place atomically.</summary>
    private void Rewrite(int keep, long keepBytes, IReadOnlyList<Block> blocks)
    {
        var file = Usable();
        var newOffsets = new List<long>(blocks.Count);
        ReplaceFile(output =>
        {
            file.Position = 0;
            CopyBytes(file, output, keepBytes);
            foreach (var block in blocks)
            {
                newOffsets.Add(output.Position);
                output.Write(BlockRecord.Encode(block));
            }
        });

        _blocks.RemoveRange(keep, _blocks.Count - keep);
        _offsets.RemoveRange(keep, _offsets.Count - keep);
        _blocks.AddRange(blocks);
        _offsets.AddRange(newOffsets);
    }

    /// <summary>Writes a complete new block file with <paramref name="write"/> and renames it over the old one.</summary>
    private void ReplaceFile(Action<FileStream> write)
    {
        try
        {
            using (var output = new FileStream(TempPath, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(output);
                output.Flush(flushToDisk: true);
            }

            File.Move(TempPath, FilePath, overwrite: true);
        }
        catch
        {
            File.Delete(TempPath);
            throw;
        }

        // The new file is in place: from here on the old handle reads a file that is gone.
        _file?.Dispose();
        _file = null;
        DurableDirectory.FlushEntries(Directory);
        _file = OpenFile();
    }

    private void CutTo(long length)
    {
        var file = Usable();
        try
        {
            file.SetLength(length);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            // The file may end in a partial record: stop writing rather than bury it.
            file.Dispose();
            _file = null;
            throw;
        }
    }

    private FileStream Usable() =>
        _file ?? throw new ChainStoreException($"the store at {Directory} stopped after a failed write; restart the node to recover it");

    // Readers may share the file; Delete lets a replacement be renamed over it while it is open.
    private FileStream OpenFile() => new(FilePath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);

    private string FreeCopyPath()
    {
        for (var n = 1; ; n++)
        {
            var path = $"{FilePath}.damaged-{n}";
            if (!File.Exists(path))
            {
                return path;
            }
        }
    }

    private static void CopyBytes(Stream source, Stream destination, long count)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0)
            {
                throw new EndOfStreamException("the block file ended before the blocks that were to be kept");
            }

            destination.Write(buffer, 0, read);
            count -= read;
        }
    }
}
