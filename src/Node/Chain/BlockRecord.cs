using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
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

    public static byte[] Encode(Block block)
    {
        var data = block.DataBytes();
        var requestId = Encoding.UTF8.GetBytes(block.RequestId);
        var record = new byte[FrameSize + BlockHeader.Size + 1 + requestId.Length + data.Length];
        var payload = record.AsSpan(FrameSize);
        block.Header.WriteTo(payload);
        payload[BlockHeader.Size] = (byte)requestId.Length;
        requestId.CopyTo(payload[(BlockHeader.Size + 1)..]);
        data.CopyTo(payload[(BlockHeader.Size + 1 + requestId.Length)..]);
        BinaryPrimitives.WriteUInt32BigEndian(record, (uint)payload.Length);
        SHA256.HashData(payload, record.AsSpan(4, Hash256.Size));
        return record;
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
    /// The record at the start of <paramref name="bytes"/>: whole (its payload returned), cut
    /// short by the end of the span, or corrupt; <paramref name="recordLength"/> is its length
    /// as its frame says.
    /// </summary>
    public static BlockRecordStatus Parse(ReadOnlySpan<byte> bytes, out int recordLength, out ReadOnlySpan<byte> payload)
    {
        payload = default;
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
        if (bytes.Length < recordLength)
        {
            return BlockRecordStatus.Truncated;
        }

        Span<byte> checksum = stackalloc byte[Hash256.Size];
        SHA256.HashData(bytes.Slice(FrameSize, (int)length), checksum);
        if (!checksum.SequenceEqual(bytes.Slice(4, Hash256.Size)))
        {
            return BlockRecordStatus.Corrupt;
        }

        payload = bytes.Slice(FrameSize, (int)length);
        return BlockRecordStatus.Whole;
    }

    /// <summary>The block in a whole record's payload; false, saying why, when the payload does not hold one.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error) =>
        TryDecode(payload, null, out block, out error);

    /// <summary><see cref="TryDecode(ReadOnlySpan{byte}, out Block?, out string?)"/> with the header's hash already known (null computes it).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, Hash256? hash, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error)
    {
        block = null;
        if (payload.Length < MinPayload)
        {
            error = $"a block record's payload is at least {MinPayload} bytes, got {payload.Length}";
            return false;
        }

        var header = BlockHeader.Decode(payload[..BlockHeader.Size]);
        var dataStart = BlockHeader.Size + 1 + (payload.Length > BlockHeader.Size ? payload[BlockHeader.Size] : 0);
        if (payload.Length < dataStart)
        {
            error = "its request id runs past the end of the record";
            return false;
        }

        if (!Block.TryDecodeData(payload.Slice(BlockHeader.Size + 1, dataStart - BlockHeader.Size - 1), out var requestId)
            || !Block.TryDecodeData(payload[dataStart..], out var data))
        {
            error = "its request id or data is not valid UTF-8";
            return false;
        }

        return Block.TryCreate(header, hash, data, requestId, out block, out error);
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
