using System.Numerics;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// Chooses the next block's target so that the cluster, hashing at its measured rate, finds
/// a block in about the block time: expected hashes 2^256 / (target + 1) = rate × time.
/// The result always passes <see cref="BlockValidator.CheckWork"/>'s target rules: no easier
/// than the network minimum and within the factor of the parent's target.
/// </summary>
public sealed class DifficultyPolicy(ChainRules rules)
{
    public static TimeSpan DefaultBlockTime { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Compact bits for the child of <paramref name="parent"/>. A rate that is not a positive
    /// number (nothing measured yet) keeps the parent's target.
    /// </summary>
    public uint NextBits(Block parent, double hashesPerSecond, TimeSpan blockTime)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(blockTime, TimeSpan.Zero);

        var parentTarget = CompactTarget.ToBigInteger(parent.Target);
        var wanted = DesiredTarget(hashesPerSecond * blockTime.TotalSeconds) ?? parentTarget;

        var factor = new BigInteger(rules.MaxTargetFactor);
        var hardest = (parentTarget + factor - 1) / factor;
        var easiest = BigInteger.Min(parentTarget * factor, CompactTarget.ToBigInteger(rules.MinimumTarget));
        var clamped = BigInteger.Clamp(wanted, hardest, easiest);

        // Encoding rounds down (harder). At the hard bound that could step past the factor,
        // so take the next representable target above instead; it is still ≤ the easy bound
        // because both the parent's and the minimum target are themselves representable.
        var bits = CompactTarget.Encode(clamped);
        return CompactTarget.TryDecode(bits, out BigInteger encoded) && encoded < hardest ? NextRepresentableAbove(bits) : bits;
    }

    /// <summary>2^256 / hashes − 1, or null when <paramref name="expectedHashes"/> is not a usable measurement.</summary>
    private static BigInteger? DesiredTarget(double expectedHashes)
    {
        if (!double.IsFinite(expectedHashes) || expectedHashes <= 0)
        {
            return null;
        }

        var hashes = BigInteger.Max(BigInteger.One, new BigInteger(expectedHashes));
        return BigInteger.Min((BigInteger.One << 256) / hashes - 1, (BigInteger.One << 256) - 1);
    }

    private static uint NextRepresentableAbove(uint bits)
    {
        var exponent = (int)(bits >> 24);
        var unit = exponent > 3 ? BigInteger.One << (8 * (exponent - 3)) : BigInteger.One;
        CompactTarget.TryDecode(bits, out BigInteger value);
        return CompactTarget.Encode(value + unit);
    }
}
