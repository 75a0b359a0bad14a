using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Beamchain.Kernels.Cpu;
using Beamchain.Kernels.Header;

namespace Beamchain.Kernels.Hashing;

/// <summary>
/// Whole SHA-256 of <c>TLanes.Width</c> messages side by side, one per vector lane: the
/// messages' blocks are transposed so that lane i of schedule word j is word j of message i,
/// then the 64 rounds run once for all of them. The messages of one call have the same
/// number of (padded) blocks.
/// </summary>
internal static class LaneDigests<TLanes, TVec>
    where TLanes : struct, ILanes<TVec>
    where TVec : unmanaged
{
    /// <summary>
    /// Hashes the messages of <paramref name="source"/> named by <paramref name="starts"/> and
    /// <paramref name="lengths"/> at the positions <paramref name="indices"/> (at most
    /// <c>TLanes.Width</c> of them, each of <paramref name="blocks"/> padded blocks) into
    /// <paramref name="digests"/> at the same positions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Hash(ReadOnlySpan<byte> source, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<int> indices, int blocks, Span<Hash256> digests)
    {
        var width = TLanes.Width;
        Span<TVec> state = stackalloc TVec[8];
        Span<TVec> schedule = stackalloc TVec[64];
        Span<uint> words = stackalloc uint[16 * width];
        Span<byte> padded = stackalloc byte[Sha256.BlockBytes];
        for (var i = 0; i < 8; i++)
        {
            state[i] = TLanes.Broadcast(Sha256.InitialState[i]);
        }

        for (var b = 0; b < blocks; b++)
        {
            for (var lane = 0; lane < width; lane++)
            {
                // Unused lanes repeat the last message; their digests are not kept.
                var index = indices[Math.Min(lane, indices.Length - 1)];
                var message = source.Slice(starts[index], lengths[index]);
                var block = b * Sha256.BlockBytes + Sha256.BlockBytes <= message.Length ? message.Slice(b * Sha256.BlockBytes, Sha256.BlockBytes) : PadBlock(message, b, blocks, padded);
                for (var j = 0; j < 16; j++)
                {
                    words[j * width + lane] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * j)..]);
                }
            }

            var bytes = MemoryMarshal.AsBytes(words);
            var vectorBytes = Unsafe.SizeOf<TVec>();
            for (var j = 0; j < 16; j++)
            {
                schedule[j] = MemoryMarshal.Read<TVec>(bytes.Slice(j * vectorBytes, vectorBytes));
            }

            for (var j = 16; j < 64; j++)
            {
                schedule[j] = TLanes.Add(TLanes.Add(TLanes.SmallSigma1(schedule[j - 2]), schedule[j - 7]), TLanes.Add(TLanes.SmallSigma0(schedule[j - 15]), schedule[j - 16]));
            }

            Compress(state, schedule);
        }

        Span<byte> digest = stackalloc byte[Hash256.Size];
        var stateWords = MemoryMarshal.Cast<TVec, uint>(state);
        for (var lane = 0; lane < indices.Length; lane++)
        {
            for (var j = 0; j < 8; j++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(digest[(4 * j)..], stateWords[j * width + lane]);
            }

            digests[indices[lane]] = Hash256.FromBytes(digest);
        }
    }

    /// <summary>The 64 rounds over <paramref name="schedule"/>, added into <paramref name="state"/>; unrolled by eight so the variables are renamed, not moved (as <see cref="LaneSearch{TLanes, TVec}"/> does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Compress(Span<TVec> state, ReadOnlySpan<TVec> schedule)
    {
        TVec a = state[0], b = state[1], c = state[2], d = state[3];
        TVec e = state[4], f = state[5], g = state[6], h = state[7];
        ref var w = ref MemoryMarshal.GetReference(schedule);
        for (var i = 0; i < 64; i += 8)
        {
            LaneSearch<TLanes, TVec>.Round(a, b, c, ref d, e, f, g, ref h, KW(ref w, i));
            LaneSearch<TLanes, TVec>.Round(h, a, b, ref c, d, e, f, ref g, KW(ref w, i + 1));
            LaneSearch<TLanes, TVec>.Round(g, h, a, ref b, c, d, e, ref f, KW(ref w, i + 2));
            LaneSearch<TLanes, TVec>.Round(f, g, h, ref a, b, c, d, ref e, KW(ref w, i + 3));
            LaneSearch<TLanes, TVec>.Round(e, f, g, ref h, a, b, c, ref d, KW(ref w, i + 4));
            LaneSearch<TLanes, TVec>.Round(d, e, f, ref g, h, a, b, ref c, KW(ref w, i + 5));
            LaneSearch<TLanes, TVec>.Round(c, d, e, ref f, g, h, a, ref b, KW(ref w, i + 6));
            LaneSearch<TLanes, TVec>.Round(b, c, d, ref e, f, g, h, ref a, KW(ref w, i + 7));
        }

        state[0] = TLanes.Add(state[0], a);
        state[1] = TLanes.Add(state[1], b);
        state[2] = TLanes.Add(state[2], c);
        state[3] = TLanes.Add(state[3], d);
        state[4] = TLanes.Add(state[4], e);
        state[5] = TLanes.Add(state[5], f);
        state[6] = TLanes.Add(state[6], g);
        state[7] = TLanes.Add(state[7], h);
    }

    /// <summary>K[i] + W[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec KW(ref TVec schedule, int i) => TLanes.Add(TLanes.Broadcast(Sha256.K[i]), Unsafe.Add(ref schedule, i));

    /// <summary>The last, padded blocks: block <paramref name="index"/> of <paramref name="message"/> padded to <paramref name="blocks"/> blocks: 0x80 after the message, zeros, its length in bits last.</summary>
    private static ReadOnlySpan<byte> PadBlock(ReadOnlySpan<byte> message, int index, int blocks, Span<byte> block)
    {
        var offset = index * Sha256.BlockBytes;
        block.Clear();
        if (offset < message.Length)
        {
            message[offset..].CopyTo(block);
        }

        if (message.Length >= offset)
        {
            block[message.Length - offset] = 0x80;
        }

        if (index == blocks - 1)
        {
            BinaryPrimitives.WriteUInt64BigEndian(block[(Sha256.BlockBytes - 8)..], (ulong)message.Length * 8);
        }

        return block;
    }
}
