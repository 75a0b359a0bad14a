using System.Numerics;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Grid;

/// <summary>Conversions between share targets and the hashes a share at that target proves.</summary>
public static class ShareTargets
{
    private static readonly BigInteger TwoTo256 = BigInteger.One << 256;

    /// <summary>The hashes one share at <paramref name="target"/> is expected to take: <c>2^256 / (target + 1)</c>.</summary>
    public static double ExpectedHashes(Hash256 target) => (double)CompactTarget.ExpectedHashes(target);

    /// <summary>The target at which one share takes <paramref name="hashes"/> hashes on average.</summary>
    public static Hash256 ForHashes(double hashes)
    {
        if (!(hashes > 1))
        {
            return Hash256.MaxValue;
        }

        var value = (TwoTo256 / new BigInteger(hashes)) - 1;
        return value >= TwoTo256 ? Hash256.MaxValue : CompactTarget.FromBigInteger(BigInteger.Max(BigInteger.Zero, value));
    }

    /// <summary><paramref name="target"/> made <paramref name="factor"/> times easier (factor &gt; 1) or harder (&lt; 1), within the 256-bit range.</summary>
    public static Hash256 Scale(Hash256 target, double factor) => ForHashes(ExpectedHashes(target) / factor);
}
