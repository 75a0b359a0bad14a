using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Beamchain.Kernels.Cpu;

/// <summary>
/// Sixteen nonces per <see cref="Vector512{T}"/> with AVX-512F: single-instruction rotates and
/// three-input boolean functions, and half the instructions of the 256-bit paths per nonce.
/// </summary>
internal readonly struct Avx512Lanes : ILanes<Vector512<uint>>
{
    private const byte Xor3 = 0x96;
    private const byte ChooseTable = 0xCA;
    private const byte MajorityTable = 0xE8;

    public static int Width => 16;

    public static int Chains => 3;

    public static bool IsSupported => Avx512F.IsSupported;

    public static Vector512<uint> LaneIndices => Vector512.Create(0u, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Broadcast(uint value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Add(Vector512<uint> x, Vector512<uint> y) => Avx512F.Add(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> BigSigma0(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 2), Avx512F.RotateRight(x, 13), Avx512F.RotateRight(x, 22), Xor3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> BigSigma1(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 6), Avx512F.RotateRight(x, 11), Avx512F.RotateRight(x, 25), Xor3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> SmallSigma0(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 7), Avx512F.RotateRight(x, 18), Avx512F.ShiftRightLogical(x, 3), Xor3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> SmallSigma1(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 17), Avx512F.RotateRight(x, 19), Avx512F.ShiftRightLogical(x, 10), Xor3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Choose(Vector512<uint> e, Vector512<uint> f, Vector512<uint> g) =>
        Avx512F.TernaryLogic(e, f, g, ChooseTable);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Majority(Vector512<uint> a, Vector512<uint> b, Vector512<uint> c) =>
        Avx512F.TernaryLogic(a, b, c, MajorityTable);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AtMost(Vector512<uint> x, Vector512<uint> bound) =>
        (uint)Vector512.LessThanOrEqual(x, bound).ExtractMostSignificantBits();
}
