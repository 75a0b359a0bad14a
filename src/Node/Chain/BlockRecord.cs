using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// One block in the block file: <c>length (4, big-endian) | SHA-256 of payload (32) | payload</c>,
/// where the payload is the 96 header bytes followed by the data's UTF-8 bytes. The
/// length lets a reader skip to the next record; the checksum tells a whole record from a
/// torn or altered one.
/// </summary>
internal static class BlockRecord
{
    public const int FrameSize = 4 + Hash256.Size;
    public const int MinPayload = BlockHeader.Size;
    public const int MaxPayload = BlockHeader.Size + Block.MaxDataBytes;

    public static byte[] Encode(Block block)
    {
        var data = block.DataBytes();
        var record = new byte[FrameSize + BlockHeader.Size + data.Length];
        var payload = record.AsSpan(FrameSize);
        block.Header.WriteTo(payload);
        data.CopyTo(payload[BlockHeader.Size..]);
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

    /// <summary>The block in a whole record's payload; false, saying why, when the payload does not hold one.</summary>
    public static bool TryDecode(byte[] payload, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error)
    {
        var header = BlockHeader.Decode(payload.AsSpan(0, BlockHeader.Size));
        if (!Block.TryDecodeData(payload.AsSpan(BlockHeader.Size), out var data))
        {
            block = null;
            error = "its data is not valid UTF-8";
            return false;
        }

        return Block.TryCreate(header, data, out block, out error);
    }
}
