using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// Where a <see cref="ChainState"/> keeps its main chain. Genesis is never stored; heights
/// run 1..<see cref="Height"/>. Headers and hashes are at hand; block data is read when
/// asked. Each change returns only once it is durable, and a change is all or nothing.
/// </summary>
public interface IChainStore
{
    /// <summary>The highest stored block; 0 when only genesis is known.</summary>
    ulong Height { get; }

    BlockHeader Header(ulong height);

    Hash256 Hash(ulong height);

    /// <summary>The <see cref="RequestKey"/> of the block's request id.</summary>
    uint RequestKeyAt(ulong height);

    /// <summary>Bits, hash and request key of blocks 1..<see cref="Height"/> in order, without decoding headers: what a chain needs to load.</summary>
    void ForEachSummary(Action<ulong, uint, Hash256, uint> visit);

    /// <summary>The whole block at <paramref name="height"/> (1..<see cref="Height"/>).</summary>
    Block Read(ulong height);

    /// <summary>Up to <paramref name="count"/> blocks from <paramref name="from"/>, fewer past the tip or once their records pass <paramref name="maxBytes"/> (always at least one).</summary>
    IReadOnlyList<Block> ReadRange(ulong from, int count, long maxBytes = long.MaxValue);

    /// <summary>
    /// The same blocks as <see cref="ReadRange"/>, as consecutive <see cref="BlockRecord"/>s
    /// (what blocks.dat holds): what a peer's sync is sent, with nothing decoded or re-encoded.
    /// </summary>
    byte[] ReadRecords(ulong from, int count, long maxBytes = long.MaxValue);

    /// <summary>The 96-byte headers of blocks <paramref name="from"/>.. into <paramref name="destination"/> (one per 96 bytes; all of them stored).</summary>
    void CopyHeaders(ulong from, Span<byte> destination);

    /// <summary>Adds <paramref name="blocks"/> from height <c>Height + 1</c>, durably, with one flush for all of them.</summary>
    void Append(IReadOnlyList<Block> blocks);

    /// <summary>Drops the blocks from <paramref name="height"/> up and puts <paramref name="blocks"/> (starting at that height) in their place, atomically.</summary>
    void ReplaceFrom(ulong height, IReadOnlyList<Block> blocks);
}
