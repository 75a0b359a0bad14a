using System.Buffers.Binary;

namespace Beamchain.Kernels.Header;

/// <summary>
/// The 96 bytes that are hashed (ARCHITECTURE.md): every integer big-endian.
/// <code>
/// 0  version(4) | 4 height(8) | 12 timestamp ms(8) | 20 previous hash(32)
/// 52 data hash(32) | 84 bits(4) | 88 nonce(8)
/// </code>
/// </summary>
public sealed record BlockHeader(
    uint Version,
    ulong Height,
    long TimestampMs,
    Hash256 PreviousHash,
    Hash256 DataHash,
    uint Bits,
    ulong Nonce)
{
    public const int Size = 96;
    public const uint CurrentVersion = 1;

    public const int VersionOffset = 0;
    public const int HeightOffset = 4;
    public const int TimestampOffset = 12;
    public const int PreviousHashOffset = 20;
    public const int DataHashOffset = 52;
    public const int BitsOffset = 84;
    public const int NonceOffset = 88;

    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"a header needs {Size} bytes", nameof(destination));
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination[VersionOffset..], Version);
        BinaryPrimitives.WriteUInt64BigEndian(destination[HeightOffset..], Height);
        BinaryPrimitives.WriteInt64BigEndian(destination[TimestampOffset..], TimestampMs);
        PreviousHash.WriteTo(destination[PreviousHashOffset..]);
        DataHash.WriteTo(destination[DataHashOffset..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[BitsOffset..], Bits);
        BinaryPrimitives.WriteUInt64BigEndian(destination[NonceOffset..], Nonce);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    public static BlockHeader Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a header is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        return new BlockHeader(
            BinaryPrimitives.ReadUInt32BigEndian(bytes[VersionOffset..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[HeightOffset..]),
            BinaryPrimitives.ReadInt64BigEndian(bytes[TimestampOffset..]),
            Hash256.FromBytes(bytes.Slice(PreviousHashOffset, Hash256.Size)),
            Hash256.FromBytes(bytes.Slice(DataHashOffset, Hash256.Size)),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[BitsOffset..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[NonceOffset..]));
    }

    /// <summary>SHA-256 of the 96 header bytes: the block's hash.</summary>
    public Hash256 Hash()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Hash256.Of(bytes);
    }

    public BlockHeader WithNonce(ulong nonce) => this with { Nonce = nonce };

    /// <summary>SHA-256 of UTF-8 <paramref name="data"/>: the header's data-hash field.</summary>
    public static Hash256 HashData(string data) => Hash256.Of(System.Text.Encoding.UTF8.GetBytes(data));

    /// <summary>The header's data-hash field for data already in UTF-8.</summary>
    public static Hash256 HashData(ReadOnlySpan<byte> utf8) => Hash256.Of(utf8);
}
