using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Beamchain.Kernels.Cpu;

/// <summary>
/// Sixteen nonces as two 256-bit halves with AVX-512VL rotates and ternary logic: full-rate
/// 256-bit instructions, with two independent dependency chains per round.
/// </summary>
internal readonly struct Avx512VlLanes : ILanes<VectorPair>
{
    private const byte Xor3 = 0x96;
    private const byte ChooseTable = 0xCA;
    private const byte MajorityTable = 0xE8;

    public static int Width => 16;

    public static bool IsSupported => Avx512F.VL.IsSupported;

    public static VectorPair LaneIndices => new() { Low = Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7), High = Vector256.Create(8u, 9, 10, 11, 12, 13, 14, 15) };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair Broadcast(uint value) => new() { Low = Vector256.Create(value), High = Vector256.Create(value) };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair Add(VectorPair x, VectorPair y) => new() { Low = Avx2.Add(x.Low, y.Low), High = Avx2.Add(x.High, y.High) };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair BigSigma0(VectorPair x) => new()
    {
        Low = Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(x.Low, 2), Avx512F.VL.RotateRight(x.Low, 13), Avx512F.VL.RotateRight(x.Low, 22), Xor3),
        High = Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(x.High, 2), Avx512F.VL.RotateRight(x.High, 13), Avx512F.VL.RotateRight(x.High, 22), Xor3),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair BigSigma1(VectorPair x) => new()
    {
        Low = Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(x.Low, 6), Avx512F.VL.RotateRight(x.Low, 11), Avx512F.VL.RotateRight(x.Low, 25), Xor3),
        High = Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(x.High, 6), Avx512F.VL.RotateRight(x.High, 11), Avx512F.VL.RotateRight(x.High, 25), Xor3),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair SmallSigma0(VectorPair x) => new()
    {
        Low = Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(x.Low, 7), Avx512F.VL.RotateRight(x.Low, 18), Avx2.ShiftRightLogical(x.Low, 3), Xor3),
        High = Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(x.High, 7), Avx512F.VL.RotateRight(x.High, 18), Avx2.ShiftRightLogical(x.High, 3), Xor3),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair SmallSigma1(VectorPair x) => new()
    {
        Low = Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(x.Low, 17), Avx512F.VL.RotateRight(x.Low, 19), Avx2.ShiftRightLogical(x.Low, 10), Xor3),
        High = Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(x.High, 17), Avx512F.VL.RotateRight(x.High, 19), Avx2.ShiftRightLogical(x.High, 10), Xor3),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair Choose(VectorPair e, VectorPair f, VectorPair g) => new()
    {
        Low = Avx512F.VL.TernaryLogic(e.Low, f.Low, g.Low, ChooseTable),
        High = Avx512F.VL.TernaryLogic(e.High, f.High, g.High, ChooseTable),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorPair Majority(VectorPair a, VectorPair b, VectorPair c) => new()
    {
        Low = Avx512F.VL.TernaryLogic(a.Low, b.Low, c.Low, MajorityTable),
        High = Avx512F.VL.TernaryLogic(a.High, b.High, c.High, MajorityTable),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AtMost(VectorPair x, VectorPair bound) =>
        Vector256.LessThanOrEqual(x.Low, bound.Low).ExtractMostSignificantBits()
        | (Vector256.LessThanOrEqual(x.High, bound.High).ExtractMostSignificantBits() << 8);
}
