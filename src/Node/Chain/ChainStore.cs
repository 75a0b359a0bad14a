using Beamchain.Kernels.Header;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Chain;

/// <summary>
/// A node's durable chain in its data directory. Memory holds each block's index entry
/// (header, hash, where its record starts, its request key: <see cref="BlockIndex"/>);
/// block data is read from disk when asked, through a small <see cref="BlockCache"/>.
/// <list type="bullet">
/// <item><c>blocks.dat</c>: <c>BEAMCHN2</c>, then one <see cref="BlockRecord"/> per block, appended.
/// An append writes its records and fsyncs before returning, so blocks are durable before
/// anyone is told of them.</item>
/// <item><c>blocks.idx</c>: <c>BEAMIDX1</c>, then the index entries, written after each append
/// but fsynced only by a checkpoint: it is derived from blocks.dat.</item>
/// <item><c>blocks.checkpoint</c> (<see cref="StoreCheckpoint"/>): how many blocks were verified
/// and what their index entries hash to. A start loads those entries instead of re-reading
/// the records; only what comes after (what a crash left) is re-checked as before: a torn
/// tail is cut and logged, damage is reported by height and the file as found copied aside,
/// links always and proof of work unless trusted. Written every
/// <see cref="CheckpointEvery"/> appended blocks and when the store closes cleanly.</item>
/// <item><c>blocks.reorg</c> (<see cref="ReorgJournal"/>): a replacement of the top blocks is
/// made durable there first, then blocks.dat is cut back and the new records appended; a
/// crash leaves the old chain or the new one, and the cost is the depth. The last
/// replacement's journal stays (it is overwritten by the next): a start finishes it only
/// when blocks.dat does not already hold its records.</item>
/// <item><c>node.lock</c> is held exclusively, so a second process cannot open the directory.</item>
/// </list>
/// Thread-safe: every call holds one lock.
/// </summary>
public sealed class ChainStore : IChainStore, IDisposable
{
    public const string FileName = "blocks.dat";
    public const string IndexFileName = "blocks.idx";
    public const string LockFileName = "node.lock";

    /// <summary>Appended blocks between checkpoints: what a crash can make the next start re-check, at most.</summary>
    public const int CheckpointEvery = 16 * StoreCheckpoint.SegmentEntries;

    private const long CacheBytes = 8 << 20;

    private static ReadOnlySpan<byte> Magic => BlockRecord.Magic;

    private static ReadOnlySpan<byte> IndexMagic => "BEAMIDX1"u8;

    private readonly Lock _gate = new();
    private readonly FileStream _lock;
    private readonly ILogger _log;
    private readonly Action<StoreStep> _onStep;
    private readonly BlockIndex _index = new();
    private readonly BlockCache _cache = new(CacheBytes);
    private FileStream? _file;
    private FileStream? _indexFile;
    private StoreCheckpoint _checkpoint = StoreCheckpoint.Empty;

    // Set when a read found a record changed: no checkpoint may vouch for it or anything after it again.
    private int _damagedFrom = int.MaxValue;

    private ChainStore(string directory, FileStream lockFile, ILogger log, Action<StoreStep>? onStep)
    {
        Directory = directory;
        _lock = lockFile;
        _log = log;
        _onStep = onStep ?? (_ => { });
    }

    public string Directory { get; }

    public string FilePath => Path.Combine(Directory, FileName);

    public ulong Height
    {
        get
        {
            lock (_gate)
            {
                return (ulong)_index.Count;
            }
        }
    }

    /// <summary>Bytes of a torn tail cut at open; 0 when there was none.</summary>
    public long TornTailBytes { get; private set; }

    /// <summary>The damaged block found at open, if any.</summary>
    public StoreDamage? Damage { get; private set; }

    /// <summary>Blocks whose records were read and checked at open (those after the checkpoint).</summary>
    public int CheckedAtOpen { get; private set; }

    private string TempPath => FilePath + ".tmp";

    private string IndexPath => Path.Combine(Directory, IndexFileName);

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
    /// Opens (creating when needed) the store in <paramref name="directory"/> and checks what
    /// its checkpoint does not cover; recoveries are written to <paramref name="log"/>.
    /// <paramref name="onStep"/> hears each step of every later change. Throws
    /// <see cref="ChainStoreException"/> when the directory cannot be used.
    /// </summary>
    public static ChainStore Open(string directory, ChainRules rules, bool trustStore, ILogger log, Action<StoreStep>? onStep = null)
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

        var store = new ChainStore(fullPath, lockFile, log, onStep);
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

    public BlockHeader Header(ulong height)
    {
        lock (_gate)
        {
            return _index.Header(Index(height));
        }
    }

    public Hash256 Hash(ulong height)
    {
        lock (_gate)
        {
            return _index.Hash(Index(height));
        }
    }

    public uint RequestKeyAt(ulong height)
    {
        lock (_gate)
        {
            return _index.RequestKeyOf(Index(height));
        }
    }

    public void ForEachSummary(Action<ulong, uint, Hash256, uint> visit)
    {
        lock (_gate)
        {
            for (var i = 0; i < _index.Count; i++)
            {
                visit((ulong)i + 1, _index.BitsOf(i), _index.Hash(i), _index.RequestKeyOf(i));
            }
        }
    }

    public Block Read(ulong height)
    {
        lock (_gate)
        {
            if (_cache.TryGet(height, out var cached))
            {
                return cached;
            }

            var block = ReadFromDisk(height, 1, long.MaxValue)[0];
            _cache.Add(block);
            return block;
        }
    }

    public IReadOnlyList<Block> ReadRange(ulong from, int count, long maxBytes = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            from = Math.Max(from, 1);
            if (count == 0 || from > (ulong)_index.Count)
            {
                return [];
            }

            // Ranges (sync, read) go around the cache: one pass over a long chain would flush it.
            return ReadFromDisk(from, (int)Math.Min((ulong)count, (ulong)_index.Count - from + 1), maxBytes);
        }
    }

    public byte[] ReadRecords(ulong from, int count, long maxBytes = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            from = Math.Max(from, 1);
            if (count == 0 || from > (ulong)_index.Count)
            {
                return [];
            }

            return ReadCheckedRecords(from, (int)Math.Min((ulong)count, (ulong)_index.Count - from + 1), maxBytes).Bytes;
        }
    }

    public void CopyHeaders(ulong from, Span<byte> destination)
    {
        lock (_gate)
        {
            var first = Index(from);
            var count = destination.Length / BlockHeader.Size;
            _ = Index(from + (ulong)count - 1);
            for (var i = 0; i < count; i++)
            {
                _index.Entry(first + i)[..BlockHeader.Size].CopyTo(destination[(i * BlockHeader.Size)..]);
            }
        }
    }

    public void Append(IReadOnlyList<Block> blocks)
    {
        lock (_gate)
        {
            var file = Usable();
            StoredHeights.RequireReplacement((ulong)_index.Count + 1, blocks, _index.Count);
            var records = BlockRecord.EncodeAll(blocks, out var offsets);
            var start = file.Length;
            try
            {
                RandomAccess.Write(file.SafeFileHandle, records, start);
                _onStep(StoreStep.RecordsWritten);
                file.Flush(flushToDisk: true);
            }
            catch
            {
                // Partial records must not stay in front of the next append.
                CutTo(start);
                throw;
            }

            _onStep(StoreStep.RecordsDurable);
            AddToIndex(blocks, offsets, start);
            if (_index.Count - _checkpoint.Count >= CheckpointEvery)
            {
                WriteCheckpoint();
            }
        }
    }

    public void ReplaceFrom(ulong height, IReadOnlyList<Block> blocks)
    {
        lock (_gate)
        {
            var file = Usable();
            StoredHeights.RequireReplacement(height, blocks, _index.Count);
            var keep = (int)height - 1;
            var keepBytes = keep < _index.Count ? _index.RecordStart(keep) : file.Length;
            var journal = new ReorgJournal(keep, keepBytes, BlockRecord.EncodeAll(blocks, out var offsets));
            journal.Write(Directory);
            _onStep(StoreStep.JournalWritten);
            if (_checkpoint.Count > keep)
            {
                _checkpoint = CheckpointOf(keep);
                _checkpoint.Write(Directory);
                _onStep(StoreStep.CheckpointWritten);
            }

            _cache.RemoveFrom(height);
            _index.Truncate(keep);
            Apply(journal);
            AddToIndex(blocks, offsets, keepBytes);
        }
    }

    /// <summary>Closes the files; a store that closes cleanly first writes a checkpoint, so the next start reads no records.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_file is not null && _indexFile is not null && _checkpoint.Count != Math.Min(_index.Count, _damagedFrom - 1))
            {
                try
                {
                    WriteCheckpoint();
                }
                catch (IOException e)
                {
                    _log.LogWarning($"store: could not write a checkpoint at close ({e.Message}); the next start re-checks the blocks after the last one");
                }
            }

            _indexFile?.Dispose();
            _indexFile = null;
            _file?.Dispose();
            _file = null;
            _lock.Dispose();
        }
    }

    private void Load(BlockValidator validator, bool trustStore)
    {
        if (File.Exists(TempPath))
        {
            File.Delete(TempPath);
            _log.LogWarning($"store: removed {TempPath}, left by a chain replacement that never finished; the chain is as it was before it");
        }

        if (!File.Exists(FilePath))
        {
            CreateBlockFile();
        }

        var file = _file = OpenFile(FilePath);
        Span<byte> magic = stackalloc byte[Magic.Length];
        if (file.Length < Magic.Length || file.Read(magic) != Magic.Length || !magic.SequenceEqual(Magic))
        {
            throw new ChainStoreException($"{FilePath} is not a Beamchain block file (its first bytes are not {System.Text.Encoding.ASCII.GetString(Magic)}); move it away or pass another --data-dir");
        }

        _checkpoint = StoreCheckpoint.Read(Directory);
        FinishInterruptedReplacement();
        var parent = LoadCheckpointedIndex();
        var resumeAt = _index.Count == 0 ? Magic.Length : _index.RecordStart(_index.Count - 1) + RecordLength(_index.Count - 1);
        var trusted = _index.Count;
        Scan(validator, trustStore, parent, resumeAt);
        CheckedAtOpen = _index.Count - trusted;

        _indexFile = OpenIndexFile();
        _indexFile.SetLength(IndexMagic.Length + (long)trusted * BlockIndex.EntrySize);
        _indexFile.Position = _indexFile.Length;
        _index.CopyTo(_indexFile, trusted, _index.Count);
        if (_checkpoint.Count != _index.Count)
        {
            WriteCheckpoint();
        }
    }

    /// <summary>A journal left by a crash: finish the replacement it describes, or drop it when it is torn (blocks.dat was not touched yet).</summary>
    private void FinishInterruptedReplacement()
    {
        var journal = ReorgJournal.FindUnfinished(Directory, Usable(), out var torn);
        if (torn)
        {
            _log.LogWarning("store: dropped an unfinished chain replacement (its journal is torn); the chain is as it was before it");
            return;
        }

        if (journal is null)
        {
            return;
        }

        if (_checkpoint.Count > journal.KeepCount)
        {
            _checkpoint = _checkpoint.Cut(journal.KeepCount);
            _checkpoint.Write(Directory);
        }

        Apply(journal);
        _log.LogWarning($"store: finished a chain replacement a crash interrupted (blocks from height {journal.KeepCount + 1})");
    }

    /// <summary>Loads the index entries the checkpoint vouches for, segment by segment, stopping at the first that does not match; returns the last loaded block.</summary>
    private Block LoadCheckpointedIndex()
    {
        if (_checkpoint.Count > 0 && File.Exists(IndexPath))
        {
            using var input = new FileStream(IndexPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
            Span<byte> magic = stackalloc byte[IndexMagic.Length];
            if (input.Read(magic) == magic.Length && magic.SequenceEqual(IndexMagic))
            {
                var buffer = new byte[StoreCheckpoint.SegmentEntries * BlockIndex.EntrySize];
                for (var segment = 0; segment < _checkpoint.SegmentHashes.Count; segment++)
                {
                    var entries = Math.Min(StoreCheckpoint.SegmentEntries, _checkpoint.Count - segment * StoreCheckpoint.SegmentEntries);
                    var bytes = buffer.AsSpan(0, entries * BlockIndex.EntrySize);
                    if (input.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length
                        || !System.Security.Cryptography.SHA256.HashData(bytes).AsSpan().SequenceEqual(_checkpoint.SegmentHashes[segment]))
                    {
                        break;
                    }

                    for (var i = 0; i < entries; i++)
                    {
                        _index.Add(bytes.Slice(i * BlockIndex.EntrySize, BlockIndex.EntrySize));
                    }
                }
            }
        }

        if (_index.Count < _checkpoint.Count)
        {
            _log.LogWarning($"store: the index does not match its checkpoint after block {_index.Count}; re-checking the blocks after it");
            _checkpoint = _checkpoint.Cut(_index.Count);
            _index.Truncate(_checkpoint.Count);
        }

        if (_index.Count == 0)
        {
            return Genesis.Block;
        }

        // The last trusted entry must still describe blocks.dat (a copied or cut file would not).
        try
        {
            return ReadFromDisk((ulong)_index.Count, 1, long.MaxValue)[0];
        }
        catch (ChainStoreException)
        {
            _log.LogWarning($"store: block {_index.Count} in blocks.dat is not what the index says; re-checking every block");
            _checkpoint = StoreCheckpoint.Empty;
            _index.Truncate(0);
            return Genesis.Block;
        }
    }

    /// <summary>Reads and checks the records from <paramref name="offset"/> to the end, as a start after a crash (or of a store never checkpointed) must.</summary>
    private void Scan(BlockValidator validator, bool trustStore, Block parent, long offset)
    {
        var file = Usable();
        var length = file.Length;
        while (offset < length)
        {
            var height = (ulong)_index.Count + 1;
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
                    _log.LogWarning($"store: cut a torn tail of {TornTailBytes} bytes after block {height - 1} (an append that never completed)");
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

            _index.Add(block, offset);
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

        CutTo(offset);
        Damage = new StoreDamage(height, reason, copy);
        _log.LogWarning($"store: block at height {height} is damaged and not used: {reason}. The chain ends at block {height - 1} until peers supply the rest; the file as found is saved as {copy}");
    }

    /// <summary>Cuts blocks.dat back to what the journal keeps and writes its records, durably. Safe to repeat.</summary>
    private void Apply(ReorgJournal journal)
    {
        var file = Usable();
        try
        {
            file.SetLength(journal.KeepBytes);
            _onStep(StoreStep.BlockFileCut);
            RandomAccess.Write(file.SafeFileHandle, journal.Records, journal.KeepBytes);
            _onStep(StoreStep.RecordsWritten);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            // The journal still holds the replacement: the next start finishes it.
            Stop();
            throw;
        }

        _onStep(StoreStep.RecordsDurable);
    }

    private void AddToIndex(IReadOnlyList<Block> blocks, long[] offsets, long start)
    {
        var from = _index.Count;
        for (var i = 0; i < blocks.Count; i++)
        {
            _index.Add(blocks[i], start + offsets[i]);
        }

        if (_indexFile is { } indexFile)
        {
            indexFile.SetLength(IndexMagic.Length + (long)from * BlockIndex.EntrySize);
            indexFile.Position = indexFile.Length;
            _index.CopyTo(indexFile, from, _index.Count);
            indexFile.Flush(flushToDisk: false);
        }

        _onStep(StoreStep.IndexWritten);
    }

    private void WriteCheckpoint()
    {
        _indexFile!.Flush(flushToDisk: true);
        _checkpoint = CheckpointOf(Math.Min(_index.Count, _damagedFrom - 1));
        _checkpoint.Write(Directory);
        _onStep(StoreStep.CheckpointWritten);
    }

    /// <summary>A checkpoint of the first <paramref name="count"/> entries; the segments the current one already vouches for are not hashed again.</summary>
    private StoreCheckpoint CheckpointOf(int count)
    {
        var size = StoreCheckpoint.SegmentEntries;
        var unchanged = Math.Min(_checkpoint.Count, count) / size;
        var hashes = _checkpoint.SegmentHashes.Take(unchanged).ToList();
        for (var start = unchanged * size; start < count; start += size)
        {
            hashes.Add(_index.HashOf(start, Math.Min(count, start + size)));
        }

        return new StoreCheckpoint(count, hashes);
    }

    /// <summary>Blocks from <paramref name="from"/> in one read: up to <paramref name="count"/>, and after the first only while their records stay within <paramref name="maxBytes"/>.</summary>
    private List<Block> ReadFromDisk(ulong from, int count, long maxBytes)
    {
        var (bytes, first, last) = ReadCheckedRecords(from, count, maxBytes);
        var blocks = new List<Block>(last - first + 1);
        var start = _index.RecordStart(first);
        for (var i = first; i <= last; i++)
        {
            var at = (int)(_index.RecordStart(i) - start);
            var end = i < last ? (int)(_index.RecordStart(i + 1) - start) : bytes.Length;

            // The record matched its index entry, so the hash the index holds is its header's.
            if (!BlockRecord.TryDecode(bytes.AsSpan(at + BlockRecord.FrameSize, end - at - BlockRecord.FrameSize), _index.Hash(i), out var block, out _))
            {
                throw Damaged((ulong)i + 1);
            }

            blocks.Add(block);
        }

        return blocks;
    }

    /// <summary>
    /// The records of blocks from <paramref name="from"/> as blocks.dat holds them, in one read (as
    /// <see cref="ReadFromDisk"/> chooses them), each checked (its checksum, its header against the
    /// index) but not decoded; with the indexes of the first and last block read.
    /// </summary>
    private (byte[] Bytes, int First, int Last) ReadCheckedRecords(ulong from, int count, long maxBytes)
    {
        var first = Index(from);
        var limit = Math.Min(_index.Count, first + count) - 1;
        var start = _index.RecordStart(first);
        var last = first;
        while (last < limit && _index.RecordStart(last + 1) - start <= maxBytes)
        {
            last++;
        }

        var end = last + 1 < _index.Count ? _index.RecordStart(last + 1) : Usable().Length;
        var bytes = new byte[end - start];
        var read = RandomAccess.Read(Usable().SafeFileHandle, bytes, start);
        var used = 0;
        var recordStarts = new List<int>(last - first + 1);
        int? badFrame = null;
        for (var i = first; i <= last; i++)
        {
            var at = (int)(_index.RecordStart(i) - start);
            if (at >= read
                || BlockRecord.ParseFrame(bytes.AsSpan(at, read - at), out var length) != BlockRecordStatus.Whole
                || (i < last && at + length != _index.RecordStart(i + 1) - start)
                || !bytes.AsSpan(at + BlockRecord.FrameSize, BlockHeader.Size).SequenceEqual(_index.Entry(i)[..BlockHeader.Size]))
            {
                badFrame = i;
                break;
            }

            recordStarts.Add(at);
            used = at + length;
        }

        // The checksums are checked together, one batch of SHA-256 rather than a call per record;
        // the lowest damaged block is the one reported.
        if (BlockRecord.FirstWithWrongChecksum(bytes, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(recordStarts)) is var wrong and >= 0)
        {
            throw Damaged((ulong)(first + wrong) + 1);
        }

        if (badFrame is { } damaged)
        {
            throw Damaged((ulong)damaged + 1);
        }

        return (used == bytes.Length ? bytes : bytes[..used], first, last);
    }

    /// <summary>A record that no longer matches its index entry: the next start must re-check it.</summary>
    private ChainStoreException Damaged(ulong height)
    {
        _damagedFrom = Math.Min(_damagedFrom, (int)height);
        if (_checkpoint.Count >= (int)height)
        {
            _checkpoint = CheckpointOf((int)height - 1);
            _checkpoint.Write(Directory);
        }

        var message = $"block at height {height} is damaged in {FilePath} (its record no longer matches what was stored); restart the node: it re-checks the store from there and peers supply the rest";
        _log.LogWarning($"store: {message}");
        return new ChainStoreException(message);
    }

    private long RecordLength(int index)
    {
        Span<byte> frame = stackalloc byte[4];
        return RandomAccess.Read(Usable().SafeFileHandle, frame, _index.RecordStart(index)) == 4
            ? BlockRecord.FrameSize + System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(frame)
            : 0;
    }

    private int Index(ulong height) =>
        height >= 1 && height <= (ulong)_index.Count ? (int)height - 1 : throw new ArgumentOutOfRangeException(nameof(height), $"the store holds heights 1..{_index.Count}");

    private void CreateBlockFile() => DurableDirectory.ReplaceFile(FilePath, Magic);

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
            Stop();
            throw;
        }
    }

    private void Stop()
    {
        _file?.Dispose();
        _file = null;
    }

    private FileStream Usable() =>
        _file ?? throw new ChainStoreException($"the store at {Directory} stopped after a failed write; restart the node to recover it");

    private static FileStream OpenFile(string path) => new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);

    private FileStream OpenIndexFile()
    {
        var file = new FileStream(IndexPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        Span<byte> magic = stackalloc byte[IndexMagic.Length];
        if (file.Length < IndexMagic.Length || file.Read(magic) != magic.Length || !magic.SequenceEqual(IndexMagic))
        {
            file.SetLength(0);
            file.Write(IndexMagic);
        }

        return file;
    }

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
}
