using System.Runtime.CompilerServices;
using Beamchain.Kernels.Hashing;

namespace Beamchain.Kernels.Cpu;

/// <summary>One nonce at a time with plain 32-bit arithmetic: the path for CPUs without AVX2.</summary>
internal readonly struct ScalarLanes : ILanes<uint>
{
    public static int Width => 1;

    public static int Chains => 1;

    public static bool IsSupported => true;

    public static uint LaneIndices => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Broadcast(uint value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Add(uint x, uint y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint BigSigma0(uint x) => Sha256.BigSigma0(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint BigSigma1(uint x) => Sha256.BigSigma1(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SmallSigma0(uint x) => Sha256.SmallSigma0(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SmallSigma1(uint x) => Sha256.SmallSigma1(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Choose(uint e, uint f, uint g) => Sha256.Choose(e, f, g);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Majority(uint a, uint b, uint c) => Sha256.Majority(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AtMost(uint x, uint bound) => x <= bound ? 1u : 0u;
}
