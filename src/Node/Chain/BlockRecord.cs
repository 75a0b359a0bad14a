using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Beamchain.Kernels.Hashing;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// One block in the block file: <c>length (4, big-endian) | SHA-256 of payload (32) | payload</c>,
/// where the payload is the 96 header bytes, the request id (one length byte, then its UTF-8
/// bytes; not hashed, see <see cref="Block.RequestId"/>) and the data's UTF-8 bytes. The
/// length lets a reader skip to the next record; the checksum tells a whole record from a
/// torn or altered one.
/// </summary>
public static class BlockRecord
{
    public const int FrameSize = 4 + Hash256.Size;

    /// <summary>The block file's first 8 bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "BEAMCHN2"u8;
    public const int MinPayload = BlockHeader.Size + 1;
    public const int MaxPayload = BlockHeader.Size + 1 + Block.MaxRequestIdBytes + Block.MaxDataBytes;

    public static byte[] Encode(Block block) => EncodeAll([block], out _);

    /// <summary>The bytes of <paramref name="block"/>'s record.</summary>
    public static int SizeOf(Block block) => FrameSize + BlockHeader.Size + 1 + Encoding.UTF8.GetByteCount(block.RequestId) + block.DataUtf8.Length;

    /// <summary>
    /// The records of <paramref name="blocks"/> back to back (what an append writes), with where
    /// each starts; their checksums are hashed side by side (<see cref="Sha256Batch"/>).
    /// </summary>
    public static byte[] EncodeAll(IReadOnlyList<Block> blocks, out long[] offsets)
    {
        offsets = new long[blocks.Count];
        long size = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            offsets[i] = size;
            size += SizeOf(blocks[i]);
        }

        var bytes = new byte[size];
        var starts = new int[blocks.Count];
        var lengths = new int[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            starts[i] = (int)offsets[i] + FrameSize;
            lengths[i] = WriteUnsummed(blocks[i], bytes.AsSpan((int)offsets[i]));
        }

        var checksums = new Hash256[blocks.Count];
        Sha256Batch.Hash(bytes, starts, lengths, checksums);
        for (var i = 0; i < blocks.Count; i++)
        {
            checksums[i].WriteTo(bytes.AsSpan((int)offsets[i] + 4, Hash256.Size));
        }

        return bytes;
    }

    /// <summary>Writes <paramref name="block"/>'s record without its checksum; returns its payload's length.</summary>
    private static int WriteUnsummed(Block block, Span<byte> destination)
    {
        var data = block.DataUtf8;
        var payload = destination.Slice(FrameSize, SizeOf(block) - FrameSize);
        block.Header.WriteTo(payload);
        var requestIdLength = Encoding.UTF8.GetBytes(block.RequestId.AsSpan(), payload[(BlockHeader.Size + 1)..]);
        payload[BlockHeader.Size] = (byte)requestIdLength;
        data.CopyTo(payload[(BlockHeader.Size + 1 + requestIdLength)..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)payload.Length);
        return payload.Length;
    }

    /// <summary>Reads the record at <paramref name="offset"/> of a file <paramref name="fileLength"/> bytes long.</summary>
    public static BlockRecordRead Read(FileStream file, long offset, long fileLength)
    {
        Span<byte> frame = stackalloc byte[FrameSize];
        if (fileLength - offset < FrameSize)
        {
            return new BlockRecordRead(BlockRecordStatus.Truncated, [], fileLength);
        }

        file.Position = offset;
        file.ReadExactly(frame);
        var length = BinaryPrimitives.ReadUInt32BigEndian(frame);
        var next = offset + FrameSize + length;
        if (next > fileLength)
        {
            return new BlockRecordRead(BlockRecordStatus.Truncated, [], fileLength);
        }

        if (length is < MinPayload or > MaxPayload)
        {
            return new BlockRecordRead(BlockRecordStatus.Corrupt, [], next);
        }

        var payload = new byte[length];
        file.ReadExactly(payload);
        Span<byte> checksum = stackalloc byte[Hash256.Size];
        SHA256.HashData(payload, checksum);
        var whole = checksum.SequenceEqual(frame[4..]);
        return new BlockRecordRead(whole ? BlockRecordStatus.Whole : BlockRecordStatus.Corrupt, whole ? payload : [], next);
    }

    /// <summary>
    /// The frame of the record at the start of <paramref name="bytes"/>: <see cref="BlockRecordStatus.Whole"/>
    /// when its length is possible and all of it is there (its checksum not checked: see
    /// <see cref="FirstWithWrongChecksum"/>), else cut short or corrupt; <paramref name="recordLength"/>
    /// is its length as its frame says.
    /// </summary>
    public static BlockRecordStatus ParseFrame(ReadOnlySpan<byte> bytes, out int recordLength)
    {
        recordLength = 0;
        if (bytes.Length < FrameSize)
        {
            return BlockRecordStatus.Truncated;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (length is < MinPayload or > MaxPayload)
        {
            return BlockRecordStatus.Corrupt;
        }

        recordLength = FrameSize + (int)length;
        return bytes.Length < recordLength ? BlockRecordStatus.Truncated : BlockRecordStatus.Whole;
    }

    /// <summary>
    /// Of the whole records (<see cref="ParseFrame"/>) at <paramref name="recordStarts"/> in
    /// <paramref name="bytes"/>, the index of the first whose checksum does not match its payload;
    /// -1 when every one does. The payloads are hashed side by side (<see cref="Sha256Batch"/>).
    /// </summary>
    public static int FirstWithWrongChecksum(ReadOnlySpan<byte> bytes, ReadOnlySpan<int> recordStarts)
    {
        var starts = new int[recordStarts.Length];
        var lengths = new int[recordStarts.Length];
        for (var i = 0; i < recordStarts.Length; i++)
        {
            starts[i] = recordStarts[i] + FrameSize;
            lengths[i] = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes[recordStarts[i]..]);
        }

        var checksums = new Hash256[recordStarts.Length];
        Sha256Batch.Hash(bytes, starts, lengths, checksums);
        for (var i = 0; i < recordStarts.Length; i++)
        {
            if (checksums[i] != Hash256.FromBytes(bytes.Slice(recordStarts[i] + 4, Hash256.Size)))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The block in a whole record's payload; false, saying why, when the payload does not hold one.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error) =>
        TryDecode(payload, null, null, out block, out error);

    /// <summary><see cref="TryDecode(ReadOnlySpan{byte}, out Block?, out string?)"/> with the header's hash already known (null computes it).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, Hash256? hash, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error) =>
        TryDecode(payload, null, hash, out block, out error);

    /// <summary>
    /// <see cref="TryDecode(ReadOnlySpan{byte}, out Block?, out string?)"/> for a payload whose first
    /// 96 bytes are known to encode <paramref name="header"/> (non-null: it is not decoded again)
    /// with hash <paramref name="hash"/> (non-null: it is not computed again).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, BlockHeader? header, Hash256? hash, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error)
    {
        block = null;
        if (payload.Length < MinPayload)
        {
            error = $"a block record's payload is at least {MinPayload} bytes, got {payload.Length}";
            return false;
        }

        header ??= BlockHeader.Decode(payload[..BlockHeader.Size]);
        var dataStart = BlockHeader.Size + 1 + payload[BlockHeader.Size];
        if (payload.Length < dataStart)
        {
            error = "its request id runs past the end of the record";
            return false;
        }

        if (!Block.TryDecodeData(payload.Slice(BlockHeader.Size + 1, dataStart - BlockHeader.Size - 1), out var requestId))
        {
            error = "its request id is not valid UTF-8";
            return false;
        }

        return Block.TryCreate(header, hash, payload[dataStart..], requestId, out block, out error);
    }

    /// <summary>
    /// The payloads of consecutive records in <paramref name="bytes"/> (as <c>blocks.dat</c> holds
    /// them: a peer sends a window of its file as it is), framing checked but not the checksums:
    /// the receiver judges each block by its header and data and writes its own records. False,
    /// saying why, when a frame is malformed or cut short.
    /// </summary>
    public static bool TrySplit(ReadOnlyMemory<byte> bytes, List<ReadOnlyMemory<byte>> payloads, [NotNullWhen(false)] out string? error)
    {
        var at = 0;
        while (at < bytes.Length)
        {
            var rest = bytes.Span[at..];
            if (rest.Length < FrameSize)
            {
                error = $"a block record's frame is {FrameSize} bytes; {rest.Length} were left";
                return false;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(rest);
            if (length is < MinPayload or > MaxPayload || rest.Length - FrameSize < length)
            {
                error = $"a block record says its payload is {length} bytes; it must be {MinPayload}..{MaxPayload} and within the {rest.Length - FrameSize} bytes left";
                return false;
            }

            payloads.Add(bytes.Slice(at + FrameSize, (int)length));
            at += FrameSize + (int)length;
        }

        error = null;
        return true;
    }
}
