using System.Numerics;
using Beamchain.Kernels.Hashing;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// A peer's headers above a block both chains share, checked as one chain batch by batch as they
/// arrive (links, target rules, proof of work), with the work they add up to and the height at
/// which that work first exceeds what the branch would replace. Checked headers are kept (bytes,
/// decoded, hash) until <see cref="Forget"/>, and handed out as <see cref="VerifiedWindow"/>s that
/// fetched blocks must match, so a sync decodes and hashes each header once. Not thread-safe (one
/// sync uses it); the windows it hands out are immutable.
/// </summary>
public sealed class VerifiedHeaders
{
    private readonly BlockValidator _validator;
    private readonly BigInteger _replaced;
    private readonly List<VerifiedWindow> _batches = [];
    private readonly Dictionary<uint, BigInteger> _workOfBits = [];
    private BlockHeader _parent;
    private Hash256 _parentHash;

    /// <summary>Headers to follow <paramref name="ancestor"/>, on a branch that would replace <paramref name="replacedWork"/> of the main chain.</summary>
    public VerifiedHeaders(BlockValidator validator, Block ancestor, BigInteger replacedWork)
    {
        _validator = validator;
        _replaced = replacedWork;
        _parent = ancestor.Header;
        _parentHash = ancestor.Hash;
        Ancestor = ancestor.Height;
        Top = ancestor.Height;
    }

    /// <summary>The height of the shared block the headers follow.</summary>
    public ulong Ancestor { get; }

    /// <summary>The highest checked header (<see cref="Ancestor"/> while none is).</summary>
    public ulong Top { get; private set; }

    /// <summary>Expected hashes behind every checked header.</summary>
    public BigInteger Work { get; private set; }

    /// <summary>The first height at which the checked headers carry more work than the branch replaces; null while they do not.</summary>
    public ulong? OvertakesAt { get; private set; }

    /// <summary>
    /// Checks the next headers (consecutive 96-byte headers from <see cref="Top"/> + 1) and keeps
    /// those before the first that breaks a rule; returns that one's verdict, or
    /// <see cref="BlockVerdict.Valid"/> when all pass. Throws <see cref="InvalidDataException"/>
    /// when the bytes are not whole headers.
    /// </summary>
    public BlockVerdict Add(ReadOnlyMemory<byte> headers)
    {
        if (headers.Length % BlockHeader.Size != 0)
        {
            throw new InvalidDataException($"headers come in {BlockHeader.Size}-byte pieces; got {headers.Length} bytes");
        }

        var count = headers.Length / BlockHeader.Size;
        var decoded = new BlockHeader[count];
        var hashes = new Hash256[count];
        Sha256Batch.HashEach(headers.Span, BlockHeader.Size, hashes);

        // Once the branch has overtaken, work is added up per target, not per header (a big-integer sum each).
        var blocksOfBits = new Dictionary<uint, int>();
        var verdict = BlockVerdict.Valid;
        var valid = 0;
        for (; valid < count; valid++)
        {
            var bytes = headers.Span.Slice(valid * BlockHeader.Size, BlockHeader.Size);
            var header = BlockHeader.Decode(bytes);
            var hash = hashes[valid];
            verdict = _validator.CheckHeaderLinks(_parent, _parentHash, header);
            if (verdict.IsValid)
            {
                verdict = _validator.CheckHeaderWork(_parent, header, hash);
            }

            if (!verdict.IsValid)
            {
                break;
            }

            if (OvertakesAt is null)
            {
                Work += WorkOf(header.Bits);
                OvertakesAt = Work > _replaced ? header.Height : null;
            }
            else
            {
                blocksOfBits[header.Bits] = blocksOfBits.GetValueOrDefault(header.Bits) + 1;
            }

            decoded[valid] = header;
            _parent = header;
            _parentHash = hash;
        }

        foreach (var (bits, blocks) in blocksOfBits)
        {
            Work += WorkOf(bits) * blocks;
        }

        if (valid > 0)
        {
            _batches.Add(new VerifiedWindow(Top + 1, headers[..(valid * BlockHeader.Size)], decoded.AsMemory(0, valid), hashes.AsMemory(0, valid)));
            Top += (ulong)valid;
        }

        return verdict;
    }

    /// <summary>The checked headers of heights <paramref name="from"/>..<paramref name="from"/> + <paramref name="count"/> - 1 (checked, not forgotten).</summary>
    public VerifiedWindow Window(ulong from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var last = from + (ulong)count - 1;
        var parts = new List<VerifiedWindow>();
        for (var at = from; at <= last;)
        {
            var batch = _batches.Find(b => b.From <= at && at <= b.Last)
                ?? throw new ArgumentOutOfRangeException(nameof(from), $"header {at} is not held (held: {(_batches.Count == 0 ? "none" : $"{_batches[0].From}..{Top}")})");
            var inBatch = (int)(Math.Min(last, batch.Last) - at + 1);
            parts.Add(batch.Slice((int)(at - batch.From), inBatch));
            at += (ulong)inBatch;
        }

        return parts.Count == 1 ? parts[0] : VerifiedWindow.Join(parts);
    }

    /// <summary>Lets go of the headers below <paramref name="height"/> (their blocks are in).</summary>
    public void Forget(ulong height) => _batches.RemoveAll(b => b.Last < height);

    private BigInteger WorkOf(uint bits)
    {
        if (!_workOfBits.TryGetValue(bits, out var work))
        {
            _workOfBits[bits] = work = Block.WorkOf(bits);
        }

        return work;
    }
}
