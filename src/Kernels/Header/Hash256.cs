using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Beamchain.Kernels.Header;

/// <summary>
/// 32 bytes that are both a SHA-256 digest and a 256-bit big-endian number (a target),
/// so that "hash ≤ target" is a plain comparison.
/// </summary>
public readonly struct Hash256 : IEquatable<Hash256>, IComparable<Hash256>
{
    public const int Size = 32;

    // Most significant 64 bits first: comparison is lexicographic over the four words.
    private readonly ulong _w0, _w1, _w2, _w3;

    private Hash256(ulong w0, ulong w1, ulong w2, ulong w3) => (_w0, _w1, _w2, _w3) = (w0, w1, w2, w3);

    public static Hash256 Zero => default;
    public static Hash256 MaxValue => new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    public static Hash256 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a Hash256 is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        return new Hash256(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>The SHA-256 digest of <paramref name="bytes"/>.</summary>
    public static Hash256 Of(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA256.HashData(bytes, digest);
        return FromBytes(digest);
    }

    public static Hash256 Parse(string hex) => FromBytes(Convert.FromHexString(hex));

    public static bool TryParse(string? hex, out Hash256 hash)
    {
        hash = default;
        if (hex is null || hex.Length != Size * 2)
        {
            return false;
        }

        try
        {
            hash = Parse(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w3);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Big-endian 32-bit word <paramref name="index"/> (0..7), as SHA-256 state words are read.</summary>
    public uint Word(int index)
    {
        var w = index switch { 0 or 1 => _w0, 2 or 3 => _w1, 4 or 5 => _w2, 6 or 7 => _w3, _ => throw new ArgumentOutOfRangeException(nameof(index)) };
        return (index & 1) == 0 ? (uint)(w >> 32) : (uint)w;
    }

    /// <summary>Number of leading zero bits (256 for zero).</summary>
    public int LeadingZeroBits()
    {
        if (_w0 != 0) return System.Numerics.BitOperations.LeadingZeroCount(_w0);
        if (_w1 != 0) return 64 + System.Numerics.BitOperations.LeadingZeroCount(_w1);
        if (_w2 != 0) return 128 + System.Numerics.BitOperations.LeadingZeroCount(_w2);
        return 192 + System.Numerics.BitOperations.LeadingZeroCount(_w3);
    }

    public string ToHex() => Convert.ToHexString(ToArray());

    public override string ToString() => ToHex();

    public int CompareTo(Hash256 other)
    {
        var c = _w0.CompareTo(other._w0);
        if (c != 0) return c;
        c = _w1.CompareTo(other._w1);
        if (c != 0) return c;
        c = _w2.CompareTo(other._w2);
        return c != 0 ? c : _w3.CompareTo(other._w3);
    }

    public bool Equals(Hash256 other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);

    public static bool operator ==(Hash256 a, Hash256 b) => a.Equals(b);
    public static bool operator !=(Hash256 a, Hash256 b) => !a.Equals(b);
    public static bool operator <(Hash256 a, Hash256 b) => a.CompareTo(b) < 0;
    public static bool operator >(Hash256 a, Hash256 b) => a.CompareTo(b) > 0;
    public static bool operator <=(Hash256 a, Hash256 b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Hash256 a, Hash256 b) => a.CompareTo(b) >= 0;
}
