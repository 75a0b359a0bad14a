using System.Numerics;

namespace Beamchain.Kernels.Header;

/// <summary>
/// Bitcoin's compact ("bits") form of a 256-bit target: one exponent byte (the target's
/// length in bytes) and a 3-byte mantissa, target = mantissa × 256^(exponent − 3).
/// The mantissa's top bit is a sign bit in Bitcoin; targets here are never negative, so
/// encoding keeps it clear, and decoding refuses bits with it set.
/// </summary>
public static class CompactTarget
{
    /// <summary>Decodes <paramref name="bits"/>; false when they are negative or overflow 256 bits.</summary>
    /// <remarks>
    /// Places the mantissa's bytes straight into the 32 big-endian bytes (no big integers): a
    /// syncing node decodes every header's bits, so this runs once per block.
    /// </remarks>
    public static bool TryDecode(uint bits, out Hash256 target)
    {
        target = default;
        var exponent = (int)(bits >> 24);
        var mantissa = bits & 0x007f_ffff;
        if ((bits & 0x0080_0000) != 0 && mantissa != 0)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Hash256.Size];
        bytes.Clear();
        if (exponent <= 3)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes[(Hash256.Size - 4)..], mantissa >> (8 * (3 - exponent)));
        }
        else
        {
            // Mantissa byte k (0 = least significant) lands at big-endian index 31 − (exponent − 3) − k.
            for (var k = 0; k < 3; k++)
            {
                var value = (byte)(mantissa >> (8 * k));
                var index = Hash256.Size - 1 - (exponent - 3) - k;
                if (index >= 0)
                {
                    bytes[index] = value;
                }
                else if (value != 0)
                {
                    return false; // over 256 bits
                }
            }
        }

        target = Hash256.FromBytes(bytes);
        return true;
    }

    public static Hash256 Decode(uint bits) =>
        TryDecode(bits, out Hash256 target)
            ? target
            : throw new ArgumentException($"0x{bits:x8} is not a valid compact target (negative or over 256 bits)", nameof(bits));

    public static bool TryDecode(uint bits, out BigInteger value)
    {
        value = BigInteger.Zero;
        var exponent = (int)(bits >> 24);
        var mantissa = bits & 0x007f_ffff;
        if ((bits & 0x0080_0000) != 0 && mantissa != 0)
        {
            return false;
        }

        value = exponent <= 3 ? new BigInteger(mantissa >> (8 * (3 - exponent))) : new BigInteger(mantissa) << (8 * (exponent - 3));
        return value.GetBitLength() <= 256;
    }

    /// <summary>The compact form of <paramref name="target"/>, rounded down (so never easier than the target).</summary>
    public static uint Encode(Hash256 target) => Encode(ToBigInteger(target));

    public static uint Encode(BigInteger target)
    {
        if (target.Sign < 0 || target.GetBitLength() > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(target), "a target is a non-negative 256-bit number");
        }

        if (target.IsZero)
        {
            return 0;
        }

        var size = (int)((target.GetBitLength() + 7) / 8);
        var mantissa = size <= 3 ? (uint)(target << (8 * (3 - size))) : (uint)(target >> (8 * (size - 3)));
        // A set top bit would read back as a sign: shift one byte into the exponent instead.
        if ((mantissa & 0x0080_0000) != 0)
        {
            mantissa >>= 8;
            size++;
        }

        return ((uint)size << 24) | mantissa;
    }

    public static BigInteger ToBigInteger(Hash256 value) => new(value.ToArray(), isUnsigned: true, isBigEndian: true);

    public static Hash256 FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0 || value.GetBitLength() > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "not a non-negative 256-bit number");
        }

        var bytes = new byte[Hash256.Size];
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (!(raw.Length == 1 && raw[0] == 0))
        {
            raw.CopyTo(bytes, Hash256.Size - raw.Length);
        }

        return Hash256.FromBytes(bytes);
    }

    /// <summary>Difficulty as people read it: leading zero bits, fractional (24.0 for 0x000000ff…ff).</summary>
    public static double LeadingZeroBits(Hash256 target)
    {
        var value = ToBigInteger(target);
        return value.IsZero ? 256.0 : 256.0 - BigInteger.Log(value + 1, 2);
    }

    /// <summary>Expected hashes to find a hash ≤ target: 2^256 / (target + 1).</summary>
    public static BigInteger ExpectedHashes(Hash256 target) => (BigInteger.One << 256) / (ToBigInteger(target) + 1);
}
