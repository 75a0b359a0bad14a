using System.Diagnostics.CodeAnalysis;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// Checked headers of consecutive heights from <see cref="From"/>: their bytes as the peer sent
/// them, decoded, and their hashes. What a window of fetched blocks must match: a block whose
/// header bytes equal the checked header's has that header's hash, so it is neither decoded nor
/// hashed again. Immutable, so the fetches of several windows use theirs at once.
/// </summary>
public sealed class VerifiedWindow
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly ReadOnlyMemory<BlockHeader> _headers;
    private readonly ReadOnlyMemory<Hash256> _hashes;

    public VerifiedWindow(ulong from, ReadOnlyMemory<byte> bytes, ReadOnlyMemory<BlockHeader> headers, ReadOnlyMemory<Hash256> hashes)
    {
        if (bytes.Length != headers.Length * BlockHeader.Size || hashes.Length != headers.Length)
        {
            throw new ArgumentException($"a window of {headers.Length} headers needs {headers.Length * BlockHeader.Size} bytes and {headers.Length} hashes; got {bytes.Length} bytes and {hashes.Length} hashes");
        }

        From = from;
        _bytes = bytes;
        _headers = headers;
        _hashes = hashes;
    }

    public ulong From { get; }

    public int Count => _hashes.Length;

    /// <summary>The highest height here (only meaningful when <see cref="Count"/> is not 0).</summary>
    public ulong Last => From + (ulong)Count - 1;

    public Hash256 HashAt(ulong height) => _hashes.Span[Offset(height)];

    /// <summary>The <paramref name="count"/> headers from the <paramref name="start"/>th on.</summary>
    public VerifiedWindow Slice(int start, int count) =>
        new(From + (ulong)start, _bytes.Slice(start * BlockHeader.Size, count * BlockHeader.Size), _headers.Slice(start, count), _hashes.Slice(start, count));

    /// <summary>Consecutive windows as one (copied).</summary>
    public static VerifiedWindow Join(IReadOnlyList<VerifiedWindow> parts)
    {
        var bytes = new List<byte>();
        var headers = new List<BlockHeader>();
        var hashes = new List<Hash256>();
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0 && parts[i].From != parts[i - 1].Last + 1)
            {
                throw new ArgumentException($"windows to join must follow each other; one ends at {parts[i - 1].Last}, the next starts at {parts[i].From}", nameof(parts));
            }

            bytes.AddRange(parts[i]._bytes.Span);
            headers.AddRange(parts[i]._headers.Span);
            hashes.AddRange(parts[i]._hashes.Span);
        }

        return new VerifiedWindow(parts[0].From, bytes.ToArray(), headers.ToArray(), hashes.ToArray());
    }

    /// <summary>
    /// The blocks in <paramref name="records"/> (consecutive <see cref="BlockRecord"/>s, as a peer's
    /// store holds them), from <see cref="From"/> on: true when there is at least one, at most
    /// <see cref="Count"/>, and each one's header is byte for byte the checked one. Their data is
    /// not judged here (<see cref="BlockValidator"/> does). False, saying why, otherwise.
    /// </summary>
    public bool TryMatch(ReadOnlyMemory<byte> records, [NotNullWhen(true)] out Block[]? blocks, [NotNullWhen(false)] out string? problem)
    {
        blocks = null;
        var payloads = new List<ReadOnlyMemory<byte>>();
        if (!BlockRecord.TrySplit(records, payloads, out problem))
        {
            return false;
        }

        if (payloads.Count == 0 || payloads.Count > Count)
        {
            problem = $"{payloads.Count} blocks came where 1..{Count} were asked for";
            return false;
        }

        var matched = new Block[payloads.Count];
        for (var i = 0; i < matched.Length; i++)
        {
            var payload = payloads[i].Span;
            if (!payload[..BlockHeader.Size].SequenceEqual(_bytes.Span.Slice(i * BlockHeader.Size, BlockHeader.Size)))
            {
                problem = $"block {From + (ulong)i} is not the block of the header checked for that height";
                return false;
            }

            if (!BlockRecord.TryDecode(payload, _headers.Span[i], _hashes.Span[i], out var block, out var error))
            {
                problem = $"block {From + (ulong)i}: {error}";
                return false;
            }

            matched[i] = block;
        }

        blocks = matched;
        return true;
    }

    private int Offset(ulong height) =>
        height >= From && height - From < (ulong)Count ? (int)(height - From) : throw new ArgumentOutOfRangeException(nameof(height), $"this window holds heights {From}..{Last}");
}
