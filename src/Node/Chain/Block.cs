using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text;
using Beamchain.Kernels.Hashing;
using Beamchain.Kernels.Header;

namespace Beamchain.Node.Chain;

/// <summary>
/// A header, the text it commits to, and the header's hash. Its data is always within the
/// limit (the factories refuse more); everything else is judged by <see cref="BlockValidator"/>,
/// since blocks arrive from peers and from disk.
/// </summary>
public sealed class Block
{
    /// <summary>The most data a block carries, in UTF-8 bytes.</summary>
    public const int MaxDataBytes = 64 * 1024;

    // Throws on lone surrogates instead of silently hashing U+FFFD, so the data a block
    // shows is exactly the data it hashed.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The longest <see cref="RequestId"/>, in UTF-8 bytes (it is stored with a one-byte length).</summary>
    public const int MaxRequestIdBytes = 255;

    private Block(BlockHeader header, string? data, byte[]? dataUtf8, string requestId, Hash256? hash)
    {
        Header = header;
        _data = data;
        _dataUtf8 = dataUtf8;
        RequestId = requestId;
        Hash = hash ?? header.Hash();
    }

    // A block holds its data as it came: text (mined here) or UTF-8 bytes (from a peer or the
    // store, where nobody may ever read it as text). The other form is made when first asked for.
    private string? _data;
    private byte[]? _dataUtf8;

    // Computed once: the chain and its store each look it up for every block they take.
    private uint? _requestKey;

    // 0 not checked yet, 1 matches, 2 does not: a sync checks it beside the fetching, so adopting does not hash again.
    private int _dataCheck;

    public BlockHeader Header { get; }

    /// <summary>The data as text.</summary>
    public string Data => _data ??= StrictUtf8.GetString(_dataUtf8!);

    /// <summary>The data as the UTF-8 bytes the data hash covers.</summary>
    public ReadOnlySpan<byte> DataUtf8 => _dataUtf8 ??= StrictUtf8.GetBytes(_data!);

    /// <summary>Whether the data hashes to the header's data hash (worked out once, on first asking).</summary>
    public bool DataMatchesHeader
    {
        get
        {
            if (_dataCheck == 0)
            {
                _dataCheck = BlockHeader.HashData(DataUtf8) == Header.DataHash ? 1 : 2;
            }

            return _dataCheck == 1;
        }
    }

    public Hash256 Hash { get; }

    /// <summary>
    /// The id of the <c>mine</c> request this block answers ("" for genesis and blocks mined
    /// without one). Stored and sent with the block but not hashed: it is the cluster's
    /// bookkeeping, so a re-activated chain grain can tell which queued requests are already
    /// in the chain and never mine one twice.
    /// </summary>
    public string RequestId { get; }

    /// <summary>The <see cref="Chain.RequestKey"/> of <see cref="RequestId"/>.</summary>
    public uint RequestKey => _requestKey ??= Chain.RequestKey.Of(RequestId);

    public ulong Height => Header.Height;

    public long TimestampMs => Header.TimestampMs;

    /// <summary>The target the header's bits encode; only call on a block whose bits are valid (a validated block).</summary>
    public Hash256 Target => CompactTarget.Decode(Header.Bits);

    /// <summary>Difficulty as people read it: the target's leading zero bits (24.0 for 0x000000ff…).</summary>
    public double DifficultyBits => CompactTarget.LeadingZeroBits(Target);

    /// <summary>Expected hashes to find this block: what it adds to its chain's cumulative work.</summary>
    public BigInteger Work => WorkOf(Header.Bits);

    /// <summary>The work of a block with valid bits <paramref name="bits"/>.</summary>
    public static BigInteger WorkOf(uint bits) => CompactTarget.ExpectedHashes(CompactTarget.Decode(bits));

    /// <summary>A block from its header and data; throws <see cref="ArgumentException"/> when the data breaks <see cref="TryCheckData"/>.</summary>
    public static Block Create(BlockHeader header, string data, string requestId = "") =>
        TryCreate(header, data, requestId, out var block, out var error) ? block : throw new ArgumentException(error, nameof(data));

    /// <summary>A block from a peer or a file: false, saying why, when the data breaks <see cref="TryCheckData"/>.</summary>
    public static bool TryCreate(BlockHeader header, string data, string requestId, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error) =>
        TryCreate(header, null, data, requestId, out block, out error);

    /// <summary>
    /// <see cref="TryCreate(BlockHeader, string, string, out Block?, out string?)"/> for a header whose
    /// hash is already known (<paramref name="hash"/>: its store's index holds it, so reading a
    /// block back costs no hashing); null computes it.
    /// </summary>
    public static bool TryCreate(BlockHeader header, Hash256? hash, string data, string requestId, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(requestId);
        block = null;
        if (!TryCheckData(data, out error))
        {
            return false;
        }

        if (Encoding.UTF8.GetByteCount(requestId) > MaxRequestIdBytes)
        {
            error = $"a block's request id is at most {MaxRequestIdBytes} bytes, got {Encoding.UTF8.GetByteCount(requestId)}";
            return false;
        }

        block = new Block(header, data, null, requestId, hash);
        return true;
    }

    /// <summary>
    /// A block from a peer or a file with its data as UTF-8 bytes (kept as they are: decoded to
    /// text only when asked); false, saying why, when they are not valid UTF-8 or over the limit.
    /// <paramref name="hash"/> as in <see cref="TryCreate(BlockHeader, Hash256?, string, string, out Block?, out string?)"/>.
    /// </summary>
    public static bool TryCreate(BlockHeader header, Hash256? hash, ReadOnlySpan<byte> dataUtf8, string requestId, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(requestId);
        block = null;
        if (dataUtf8.Length > MaxDataBytes)
        {
            error = $"block data is {dataUtf8.Length} bytes of UTF-8; the limit is {MaxDataBytes} bytes (64 KiB)";
            return false;
        }

        if (!System.Text.Unicode.Utf8.IsValid(dataUtf8))
        {
            error = "block data must be valid UTF-8 text";
            return false;
        }

        if (Encoding.UTF8.GetByteCount(requestId) > MaxRequestIdBytes)
        {
            error = $"a block's request id is at most {MaxRequestIdBytes} bytes, got {Encoding.UTF8.GetByteCount(requestId)}";
            return false;
        }

        block = new Block(header, null, dataUtf8.ToArray(), requestId, hash);
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="data"/> is valid text of at most <see cref="MaxDataBytes"/> UTF-8 bytes; otherwise says what is wrong.</summary>
    public static bool TryCheckData(string data, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(data);
        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(data);
        }
        catch (EncoderFallbackException)
        {
            error = "block data must be valid Unicode text (it contains a lone surrogate)";
            return false;
        }

        if (bytes > MaxDataBytes)
        {
            error = $"block data is {bytes} bytes of UTF-8; the limit is {MaxDataBytes} bytes (64 KiB)";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// Works out, for many blocks at once, what adopting them hashes: whether each one's data
    /// matches its header (<see cref="DataMatchesHeader"/>) and its <see cref="RequestKey"/>. The
    /// messages are hashed side by side (<see cref="Sha256Batch"/>), a fraction of the cost of
    /// one SHA-256 call each.
    /// </summary>
    public static void HashAll(IReadOnlyList<Block> blocks)
    {
        var requestIds = blocks.Select(b => Encoding.UTF8.GetBytes(b.RequestId)).ToArray();
        var starts = new int[2 * blocks.Count];
        var lengths = new int[2 * blocks.Count];
        var size = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            (starts[2 * i], lengths[2 * i]) = (size, blocks[i].DataUtf8.Length);
            (starts[2 * i + 1], lengths[2 * i + 1]) = (size + lengths[2 * i], requestIds[i].Length);
            size += lengths[2 * i] + lengths[2 * i + 1];
        }

        var messages = new byte[size];
        for (var i = 0; i < blocks.Count; i++)
        {
            blocks[i].DataUtf8.CopyTo(messages.AsSpan(starts[2 * i]));
            requestIds[i].CopyTo(messages.AsSpan(starts[2 * i + 1]));
        }

        var digests = new Hash256[starts.Length];
        Sha256Batch.Hash(messages, starts, lengths, digests);
        for (var i = 0; i < blocks.Count; i++)
        {
            blocks[i]._dataCheck = digests[2 * i] == blocks[i].Header.DataHash ? 1 : 2;
            blocks[i]._requestKey = requestIds[i].Length == 0 ? 0 : Chain.RequestKey.FromDigest(digests[2 * i + 1]);
        }
    }

    /// <summary>Text from <paramref name="utf8"/>; false when the bytes are not valid UTF-8.</summary>
    public static bool TryDecodeData(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? data)
    {
        try
        {
            data = StrictUtf8.GetString(utf8);
            return true;
        }
        catch (DecoderFallbackException)
        {
            data = null;
            return false;
        }
    }

    public override string ToString() => $"block {Height} {Hash.ToHex()[..16]}";
}
