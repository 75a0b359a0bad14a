using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;

namespace Beamchain.Node.Tests.Chain;

/// <summary>
/// Mines blocks for tests: the first nonce from 0 whose hash meets the target, so every
/// run finds the same block. At the 16-bit minimum that is ~65 000 hashes.
/// </summary>
internal static class TestMiner
{
    /// <summary>The genesis clock plus one hour: every block below is timestamped before it.</summary>
    public static DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeMilliseconds(Genesis.TimestampMs).AddHours(1);

    public static Block Mine(BlockHeader template, string data)
    {
        var target = CompactTarget.Decode(template.Bits);
        Span<byte> bytes = stackalloc byte[BlockHeader.Size];
        Span<byte> digest = stackalloc byte[Hash256.Size];
        template.WriteTo(bytes);
        for (ulong nonce = 0; ; nonce++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes[BlockHeader.NonceOffset..], nonce);
            SHA256.HashData(bytes, digest);
            if (Hash256.FromBytes(digest) <= target)
            {
                return Block.Create(template with { Nonce = nonce }, data);
            }
        }
    }

    /// <summary>The valid child of <paramref name="parent"/> (one second later, the parent's bits), changed by <paramref name="change"/> before mining.</summary>
    public static Block Child(Block parent, string data, Func<BlockHeader, BlockHeader>? change = null) =>
        Mine((change ?? (h => h))(Template(parent, data)), data);

    /// <summary>A child with the given difficulty.</summary>
    public static Block Child(Block parent, string data, uint bits) => Child(parent, data, h => h with { Bits = bits });

    /// <summary>Consecutive children of <paramref name="parent"/>, one per data item.</summary>
    public static IReadOnlyList<Block> Children(Block parent, params string[] data)
    {
        var blocks = new List<Block>();
        foreach (var item in data)
        {
            parent = Child(parent, item);
            blocks.Add(parent);
        }

        return blocks;
    }

    /// <summary>Compact bits for the minimum target divided by <paramref name="divisor"/> (a power of two keeps it exact).</summary>
    public static uint BitsHarderThanMinimum(int divisor) =>
        CompactTarget.Encode(CompactTarget.ToBigInteger(ChainRules.Default.MinimumTarget) / new BigInteger(divisor));

    /// <summary>Compact bits for the minimum target times <paramref name="factor"/>.</summary>
    public static uint BitsEasierThanMinimum(int factor) =>
        CompactTarget.Encode(CompactTarget.ToBigInteger(ChainRules.Default.MinimumTarget) * new BigInteger(factor));

    private static BlockHeader Template(Block parent, string data) =>
        new(BlockHeader.CurrentVersion, parent.Height + 1, parent.TimestampMs + 1000, parent.Hash, BlockHeader.HashData(data), parent.Header.Bits, Nonce: 0);
}
