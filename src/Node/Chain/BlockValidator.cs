using System.Numerics;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// Judges a block against its parent. The checks are split so that a stored chain can be
/// re-checked at start without the clock (its blocks passed the clock check when they
/// arrived) and without proof of work under <c>--trust-store</c>.
/// </summary>
public sealed class BlockValidator(ChainRules rules, TimeProvider time)
{
    public ChainRules Rules { get; } = rules;

    /// <summary>Every rule: links, proof of work, and the clock.</summary>
    public BlockVerdict Validate(Block parent, Block block)
    {
        var verdict = CheckLinks(parent, block);
        if (verdict.IsValid)
        {
            verdict = CheckWork(parent, block);
        }

        return verdict.IsValid ? CheckClock(block) : verdict;
    }

    /// <summary>Version, height, previous hash, data hash, and timestamp order: what makes the block a child of <paramref name="parent"/>.</summary>
    public BlockVerdict CheckLinks(Block parent, Block block)
    {
        var verdict = CheckHeaderLinks(parent.Header, parent.Hash, block.Header);
        if (verdict.IsValid && !block.DataMatchesHeader)
        {
            return Reject(BlockRejection.DataHashMismatch, $"block {block.Height}: its data does not hash to the header's data hash {block.Header.DataHash}");
        }

        return verdict;
    }

    /// <summary><see cref="CheckLinks"/> without the data: what a header alone shows (headers-first sync).</summary>
    public BlockVerdict CheckHeaderLinks(BlockHeader parent, Hash256 parentHash, BlockHeader header)
    {
        if (!Rules.KnownVersions.Contains(header.Version))
        {
            return Reject(BlockRejection.UnknownVersion, $"block {header.Height} has version {header.Version}; this node knows {string.Join(", ", Rules.KnownVersions)}");
        }

        if (header.Height != parent.Height + 1)
        {
            return Reject(BlockRejection.HeightNotNext, $"block at height {header.Height} does not follow its parent at height {parent.Height}");
        }

        if (header.PreviousHash != parentHash)
        {
            return Reject(BlockRejection.PreviousHashMismatch, $"block {header.Height} names previous hash {header.PreviousHash}, but its parent's hash is {parentHash}");
        }

        if (header.TimestampMs < parent.TimestampMs)
        {
            return Reject(BlockRejection.TimestampBeforeParent, $"block {header.Height} is timestamped {header.TimestampMs} ms, before its parent's {parent.TimestampMs} ms");
        }

        return BlockVerdict.Valid;
    }

    /// <summary>The target's rules (valid, no easier than the minimum, within the factor of the parent's) and hash ≤ target.</summary>
    public BlockVerdict CheckWork(Block parent, Block block) => CheckHeaderWork(parent.Header, block.Header, block.Hash);

    /// <summary><see cref="CheckWork"/> on a header and its hash.</summary>
    public BlockVerdict CheckHeaderWork(BlockHeader parent, BlockHeader header, Hash256 hash)
    {
        if (!CompactTarget.TryDecode(header.Bits, out Hash256 target))
        {
            return Reject(BlockRejection.InvalidTarget, $"block {header.Height} has bits 0x{header.Bits:x8}, which is not a valid compact target");
        }

        if (target > Rules.MinimumTarget)
        {
            return Reject(BlockRejection.TargetEasierThanMinimum, $"block {header.Height} has target {target} ({CompactTarget.LeadingZeroBits(target):F1} bits), easier than the network minimum {Rules.MinimumTarget}");
        }

        // Within the factor of the parent's: the same bits as the parent's always are.
        if (header.Bits != parent.Bits && CompactTarget.Decode(parent.Bits) is var parentTarget && !IsWithinParentRange(parentTarget, target))
        {
            return Reject(BlockRejection.TargetOutsideParentRange, $"block {header.Height} has target {target}, more than {Rules.MaxTargetFactor}x away from its parent's {parentTarget}");
        }

        if (hash > target)
        {
            return Reject(BlockRejection.HashAboveTarget, $"block {header.Height} hashes to {hash}, above its target {target}");
        }

        return BlockVerdict.Valid;
    }

    /// <summary>The timestamp is at most <see cref="ChainRules.MaxClockDrift"/> ahead of the local clock.</summary>
    public BlockVerdict CheckClock(Block block)
    {
        var latest = time.GetUtcNow() + Rules.MaxClockDrift;
        return block.TimestampMs > latest.ToUnixTimeMilliseconds()
            ? Reject(BlockRejection.TimestampTooFarAhead, $"block {block.Height} is timestamped {DateTimeOffset.FromUnixTimeMilliseconds(block.TimestampMs):O}, more than {Rules.MaxClockDrift.TotalMinutes:0.#} minutes ahead of this node's clock")
            : BlockVerdict.Valid;
    }

    /// <summary>How long until <paramref name="block"/>'s timestamp passes <see cref="CheckClock"/>; zero when it does now.</summary>
    public TimeSpan TimeUntilNotTooFarAhead(Block block)
    {
        var wait = DateTimeOffset.FromUnixTimeMilliseconds(block.TimestampMs) - (time.GetUtcNow() + Rules.MaxClockDrift);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>parent / factor ≤ target ≤ parent × factor, in exact integers.</summary>
    public bool IsWithinParentRange(Hash256 parentTarget, Hash256 target)
    {
        var parentValue = CompactTarget.ToBigInteger(parentTarget);
        var value = CompactTarget.ToBigInteger(target);
        var factor = new BigInteger(Rules.MaxTargetFactor);
        return value * factor >= parentValue && value <= parentValue * factor;
    }

    private static BlockVerdict Reject(BlockRejection rejection, string message) => new(rejection, message);
}
