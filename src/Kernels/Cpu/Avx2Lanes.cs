using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Beamchain.Kernels.Cpu;

/// <summary>Eight nonces per <see cref="Vector256{T}"/> with AVX2: rotates are two shifts and an or.</summary>
internal readonly struct Avx2Lanes : ILanes<Vector256<uint>>
{
    public static int Width => 8;

    public static int Chains => 2;

    public static bool IsSupported => Avx2.IsSupported;

    public static Vector256<uint> LaneIndices => Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Broadcast(uint value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Add(Vector256<uint> x, Vector256<uint> y) => Avx2.Add(x, y);

    // Σ and σ spelled as shifts: x ror n = (x >> n) | (x << 32 − n), and the ors fold into the xors.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> BigSigma0(Vector256<uint> x) =>
        (Avx2.ShiftRightLogical(x, 2) ^ Avx2.ShiftRightLogical(x, 13) ^ Avx2.ShiftRightLogical(x, 22))
        ^ (Avx2.ShiftLeftLogical(x, 30) ^ Avx2.ShiftLeftLogical(x, 19) ^ Avx2.ShiftLeftLogical(x, 10));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> BigSigma1(Vector256<uint> x) =>
        (Avx2.ShiftRightLogical(x, 6) ^ Avx2.ShiftRightLogical(x, 11) ^ Avx2.ShiftRightLogical(x, 25))
        ^ (Avx2.ShiftLeftLogical(x, 26) ^ Avx2.ShiftLeftLogical(x, 21) ^ Avx2.ShiftLeftLogical(x, 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> SmallSigma0(Vector256<uint> x) =>
        (Avx2.ShiftRightLogical(x, 7) ^ Avx2.ShiftRightLogical(x, 18) ^ Avx2.ShiftRightLogical(x, 3))
        ^ (Avx2.ShiftLeftLogical(x, 25) ^ Avx2.ShiftLeftLogical(x, 14));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> SmallSigma1(Vector256<uint> x) =>
        (Avx2.ShiftRightLogical(x, 17) ^ Avx2.ShiftRightLogical(x, 19) ^ Avx2.ShiftRightLogical(x, 10))
        ^ (Avx2.ShiftLeftLogical(x, 15) ^ Avx2.ShiftLeftLogical(x, 13));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Choose(Vector256<uint> e, Vector256<uint> f, Vector256<uint> g) => g ^ (e & (f ^ g));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Majority(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c) => (a & b) | (c & (a | b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AtMost(Vector256<uint> x, Vector256<uint> bound) =>
        Vector256.Equals(Avx2.Min(x, bound), x).ExtractMostSignificantBits();
}
