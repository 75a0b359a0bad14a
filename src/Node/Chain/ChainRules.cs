using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// The network's consensus parameters. Every node must use the same values; tests may
/// change them with <c>with</c>.
/// </summary>
public sealed record ChainRules
{
    public static ChainRules Default { get; } = new();

    /// <summary>The easiest target any block may carry (compact form); 16 leading zero bits, so a CPU finds one in well under a second.</summary>
    public uint MinimumBits { get; init; } = Genesis.Bits;

    /// <summary>A block's target is within this factor of its parent's, both ways.</summary>
    public int MaxTargetFactor { get; init; } = 4;

    /// <summary>How far a block's timestamp may be ahead of the local clock.</summary>
    public TimeSpan MaxClockDrift { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Header versions this node understands.</summary>
    public IReadOnlySet<uint> KnownVersions { get; init; } = new HashSet<uint> { BlockHeader.CurrentVersion };

    public Hash256 MinimumTarget => CompactTarget.Decode(MinimumBits);
}
