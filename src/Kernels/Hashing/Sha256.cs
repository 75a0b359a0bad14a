using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Beamchain.Kernels.Hashing;

/// <summary>
/// SHA-256 (FIPS 180-4) on the host: the compression function and its round functions,
/// which the searchers build on, and whole-message hashing, which proves them against
/// System.Security.Cryptography in the tests.
/// </summary>
public static class Sha256
{
    public const int BlockBytes = 64;
    public const int DigestBytes = 32;

    /// <summary>The round constants K[0..63].</summary>
    public static ReadOnlySpan<uint> K =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    /// <summary>The initial hash value H(0).</summary>
    public static ReadOnlySpan<uint> InitialState =>
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint BigSigma0(uint x) => BitOperations.RotateRight(x, 2) ^ BitOperations.RotateRight(x, 13) ^ BitOperations.RotateRight(x, 22);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint BigSigma1(uint x) => BitOperations.RotateRight(x, 6) ^ BitOperations.RotateRight(x, 11) ^ BitOperations.RotateRight(x, 25);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SmallSigma0(uint x) => BitOperations.RotateRight(x, 7) ^ BitOperations.RotateRight(x, 18) ^ (x >> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SmallSigma1(uint x) => BitOperations.RotateRight(x, 17) ^ BitOperations.RotateRight(x, 19) ^ (x >> 10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Choose(uint e, uint f, uint g) => g ^ (e & (f ^ g));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Majority(uint a, uint b, uint c) => (a & b) | (c & (a | b));

    /// <summary>W[i] for i ≥ 16 from the four earlier words it depends on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ScheduleWord(ReadOnlySpan<uint> w, int i) => SmallSigma1(w[i - 2]) + w[i - 7] + SmallSigma0(w[i - 15]) + w[i - 16];

    /// <summary>Expands a 16-word block into the 64-word message schedule.</summary>
    public static void ExpandSchedule(ReadOnlySpan<uint> block, Span<uint> schedule)
    {
        block[..16].CopyTo(schedule);
        for (var i = 16; i < 64; i++)
        {
            schedule[i] = ScheduleWord(schedule, i);
        }
    }

    /// <summary>
    /// Applies rounds <paramref name="first"/>..<paramref name="last"/> (inclusive) to the working
    /// variables a..h in <paramref name="working"/>, with the expanded <paramref name="schedule"/>.
    /// </summary>
    public static void Rounds(Span<uint> working, ReadOnlySpan<uint> schedule, int first, int last)
    {
        uint a = working[0], b = working[1], c = working[2], d = working[3];
        uint e = working[4], f = working[5], g = working[6], h = working[7];
        for (var i = first; i <= last; i++)
        {
            var t1 = h + BigSigma1(e) + Choose(e, f, g) + K[i] + schedule[i];
            var t2 = BigSigma0(a) + Majority(a, b, c);
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        working[0] = a; working[1] = b; working[2] = c; working[3] = d;
        working[4] = e; working[5] = f; working[6] = g; working[7] = h;
    }

    /// <summary>One compression: <paramref name="state"/> += the 64 rounds over <paramref name="block"/> (16 big-endian words).</summary>
    public static void Compress(Span<uint> state, ReadOnlySpan<uint> block)
    {
        Span<uint> schedule = stackalloc uint[64];
        ExpandSchedule(block, schedule);
        Span<uint> working = stackalloc uint[8];
        state[..8].CopyTo(working);
        Rounds(working, schedule, 0, 63);
        for (var i = 0; i < 8; i++)
        {
            state[i] += working[i];
        }
    }

    /// <summary>Reads a 64-byte block as 16 big-endian words.</summary>
    public static void ReadBlock(ReadOnlySpan<byte> bytes, Span<uint> block)
    {
        for (var i = 0; i < 16; i++)
        {
            block[i] = BinaryPrimitives.ReadUInt32BigEndian(bytes[(4 * i)..]);
        }
    }

    /// <summary>SHA-256 of <paramref name="message"/> into <paramref name="digest"/> (32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> message, Span<byte> digest)
    {
        Span<uint> state = stackalloc uint[8];
        InitialState.CopyTo(state);
        Span<uint> block = stackalloc uint[16];
        var whole = message.Length / BlockBytes * BlockBytes;
        for (var offset = 0; offset < whole; offset += BlockBytes)
        {
            ReadBlock(message.Slice(offset, BlockBytes), block);
            Compress(state, block);
        }

        // Padding: 0x80, zeros, then the message length in bits as a 64-bit big-endian number.
        Span<byte> tail = stackalloc byte[2 * BlockBytes];
        tail.Clear();
        var rest = message[whole..];
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var tailLength = rest.Length + 9 <= BlockBytes ? BlockBytes : 2 * BlockBytes;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], (ulong)message.Length * 8);
        for (var offset = 0; offset < tailLength; offset += BlockBytes)
        {
            ReadBlock(tail.Slice(offset, BlockBytes), block);
            Compress(state, block);
        }

        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(4 * i)..], state[i]);
        }
    }

    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        var digest = new byte[DigestBytes];
        Hash(message, digest);
        return digest;
    }
}
