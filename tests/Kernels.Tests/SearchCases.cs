using System.Numerics;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Tests;

/// <summary>Jobs for searcher tests: random headers (seeded) and targets with a given number of leading zero bits.</summary>
internal static class SearchCases
{
    public static BlockHeader RandomHeader(Random random)
    {
        var bytes = new byte[BlockHeader.Size];
        random.NextBytes(bytes);
        return BlockHeader.Decode(bytes);
    }

    /// <summary>2^(256 − bits) − 1: a hash qualifies with probability 2^−bits.</summary>
    public static Hash256 TargetWithLeadingZeroBits(int bits) =>
        CompactTarget.FromBigInteger((BigInteger.One << (256 - bits)) - 1);

    public static SearchJob Job(int seed, int leadingZeroBits) =>
        new(RandomHeader(new Random(seed)), TargetWithLeadingZeroBits(leadingZeroBits));
}
