using System.Numerics;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Tests.Chain;

/// <summary>The compact ("bits") form as the chain relies on it: Bitcoin's encoding, never easier than the target it stands for.</summary>
public class CompactTargetTests
{
    [Theory]
    [InlineData(0x1f00ffffu)]
    [InlineData(0x1d00ffffu)]
    [InlineData(0x1b0404cbu)]
    [InlineData(0x207fffffu)]
    [InlineData(0x2100ffffu)]
    [InlineData(0x03123456u)]
    [InlineData(0x04123456u)]
    public void Normalised_bits_round_trip(uint bits)
    {
        Assert.Equal(bits, CompactTarget.Encode(CompactTarget.Decode(bits)));
    }

    [Theory]
    [InlineData(0x01003456u, 0x00UL)]
    [InlineData(0x01123456u, 0x12UL)]
    [InlineData(0x02123456u, 0x1234UL)]
    [InlineData(0x03123456u, 0x123456UL)]
    [InlineData(0x04123456u, 0x12345600UL)]
    [InlineData(0x05009234u, 0x92340000UL)]
    public void Decodes_small_exponents_as_bitcoin_does(uint bits, ulong expected)
    {
        Assert.Equal(new BigInteger(expected), CompactTarget.ToBigInteger(CompactTarget.Decode(bits)));
    }

    [Fact]
    public void Decoding_to_a_target_agrees_with_the_big_integer_definition_for_every_exponent()
    {
        // The target decode places bytes directly (it runs once per synced header); the big-integer
        // decode is the definition. Every exponent, with mantissas that probe each byte and the sign bit.
        uint[] mantissas = [0x000000, 0x000001, 0x0000ff, 0x000100, 0x00ffff, 0x010000, 0x123456, 0x7fffff, 0x800000, 0x800001, 0xffffff];
        for (uint exponent = 0; exponent <= 0xff; exponent++)
        {
            foreach (var mantissa in mantissas)
            {
                var bits = exponent << 24 | mantissa;
                var valid = CompactTarget.TryDecode(bits, out BigInteger value);

                Assert.Equal(valid, CompactTarget.TryDecode(bits, out Hash256 target));
                if (valid)
                {
                    Assert.Equal(value, CompactTarget.ToBigInteger(target));
                }
            }
        }
    }

    [Fact]
    public void Encodes_a_top_mantissa_bit_into_the_exponent()
    {
        Assert.Equal(0x02008000u, CompactTarget.Encode(new BigInteger(0x80)));
        Assert.Equal(0x05009234u, CompactTarget.Encode(new BigInteger(0x92340000)));
    }

    [Fact]
    public void Zero_encodes_to_zero()
    {
        Assert.Equal(0u, CompactTarget.Encode(BigInteger.Zero));
        Assert.Equal(Hash256.Zero, CompactTarget.Decode(0));
    }

    [Theory]
    [InlineData(0x04923456u)]
    [InlineData(0x1f80ffffu)]
    public void Refuses_negative_bits(uint bits)
    {
        Assert.False(CompactTarget.TryDecode(bits, out Hash256 _));
        Assert.Throws<ArgumentException>(() => CompactTarget.Decode(bits));
    }

    [Theory]
    [InlineData(0x21010000u)]
    [InlineData(0x22000100u)]
    [InlineData(0xff123456u)]
    public void Refuses_bits_over_256_bits(uint bits)
    {
        Assert.False(CompactTarget.TryDecode(bits, out Hash256 _));
    }

    [Fact]
    public void The_largest_target_encodes_and_decodes()
    {
        var bits = CompactTarget.Encode(Hash256.MaxValue);

        Assert.Equal(0x2100ffffu, bits);
        Assert.Equal(Hash256.Parse("FFFF" + new string('0', 60)), CompactTarget.Decode(bits));
    }

    [Fact]
    public void Encoding_rounds_down_to_a_target_no_easier()
    {
        var rng = new Random(1234);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[32];
            rng.NextBytes(bytes);
            bytes[0] = 0; // leave room
            var target = Hash256.FromBytes(bytes);

            var back = CompactTarget.Decode(CompactTarget.Encode(target));

            Assert.True(back <= target);
            // Three mantissa bytes keep 15 or more significant bits.
            var lost = CompactTarget.ToBigInteger(target) - CompactTarget.ToBigInteger(back);
            Assert.True(lost * (1 << 15) <= CompactTarget.ToBigInteger(target));
        }
    }

    [Fact]
    public void Difficulty_is_leading_zero_bits()
    {
        var sixHexZeros = Hash256.Parse("000000" + new string('F', 58));

        Assert.Equal(24.0, CompactTarget.LeadingZeroBits(sixHexZeros), precision: 6);
        Assert.Equal(0.0, CompactTarget.LeadingZeroBits(Hash256.MaxValue), precision: 6);
    }
}
