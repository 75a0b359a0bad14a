using System.Runtime.Intrinsics;
using Beamchain.Kernels.Cpu;
using Beamchain.Kernels.Header;

namespace Beamchain.Kernels.Hashing;

/// <summary>
/// SHA-256 of many short messages at once (a batch of headers, the data of a window of
/// blocks), side by side in vector lanes: sixteen at a time with AVX-512, eight with AVX2. A
/// call into the platform's SHA-256 has a fixed cost that outweighs hashing a 96-byte header,
/// so a batch costs a fraction of one call per message. Each digest equals
/// <see cref="System.Security.Cryptography.SHA256.HashData(ReadOnlySpan{byte})"/> of its message.
/// </summary>
public static class Sha256Batch
{
    /// <summary>
    /// SHA-256 of each message of <paramref name="source"/>: message i is the
    /// <paramref name="lengths"/>[i] bytes from <paramref name="starts"/>[i]; its digest goes to
    /// <paramref name="digests"/>[i].
    /// </summary>
    public static void Hash(ReadOnlySpan<byte> source, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, Span<Hash256> digests)
    {
        if (starts.Length != lengths.Length || digests.Length < starts.Length)
        {
            throw new ArgumentException($"{starts.Length} starts, {lengths.Length} lengths and room for {digests.Length} digests do not describe one batch");
        }

        // Messages go to lanes grouped by their number of padded blocks, so every lane of a call
        // runs the same rounds: a counting sort, since the counts are small numbers.
        var count = starts.Length;
        var blocks = new int[count];
        var most = 0;
        for (var i = 0; i < count; i++)
        {
            if (starts[i] < 0 || lengths[i] < 0 || starts[i] > source.Length - lengths[i])
            {
                throw new ArgumentOutOfRangeException(nameof(starts), $"message {i} ({lengths[i]} bytes from {starts[i]}) is not within the {source.Length} bytes given");
            }

            blocks[i] = (lengths[i] + 9 + Sha256.BlockBytes - 1) / Sha256.BlockBytes;
            most = Math.Max(most, blocks[i]);
        }

        var firstOfCount = new int[most + 2];
        foreach (var n in blocks)
        {
            firstOfCount[n + 1]++;
        }

        for (var n = 1; n < firstOfCount.Length; n++)
        {
            firstOfCount[n] += firstOfCount[n - 1];
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[firstOfCount[blocks[i]]++] = i;
        }

        var width = Avx512Lanes.IsSupported ? Avx512Lanes.Width : Avx2Lanes.IsSupported ? Avx2Lanes.Width : ScalarLanes.Width;
        for (var first = 0; first < count;)
        {
            var group = blocks[order[first]];
            var end = first + 1;
            while (end < count && end - first < width && blocks[order[end]] == group)
            {
                end++;
            }

            var indices = order.AsSpan(first, end - first);
            if (Avx512Lanes.IsSupported)
            {
                LaneDigests<Avx512Lanes, Vector512<uint>>.Hash(source, starts, lengths, indices, group, digests);
            }
            else if (Avx2Lanes.IsSupported)
            {
                LaneDigests<Avx2Lanes, Vector256<uint>>.Hash(source, starts, lengths, indices, group, digests);
            }
            else
            {
                LaneDigests<ScalarLanes, uint>.Hash(source, starts, lengths, indices, group, digests);
            }

            first = end;
        }
    }

    /// <summary>SHA-256 of each <paramref name="size"/>-byte piece of <paramref name="source"/> (back to back, e.g. headers) into <paramref name="digests"/>.</summary>
    public static void HashEach(ReadOnlySpan<byte> source, int size, Span<Hash256> digests)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var count = source.Length / size;
        var starts = new int[count];
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            starts[i] = i * size;
            lengths[i] = size;
        }

        Hash(source, starts, lengths, digests);
    }
}
