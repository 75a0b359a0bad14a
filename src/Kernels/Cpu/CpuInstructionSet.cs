namespace Beamchain.Kernels.Cpu;

/// <summary>The lane width and instructions the CPU searcher hashes with.</summary>
public enum CpuInstructionSet
{
    /// <summary>One nonce at a time, plain 32-bit arithmetic: works everywhere.</summary>
    Scalar,

    /// <summary>256-bit vectors of eight nonces with AVX2 (rotates are two shifts and an or); two chains.</summary>
    Avx2,

    /// <summary>256-bit vectors with the AVX-512VL rotate and ternary-logic instructions; three chains.</summary>
    Avx512Vl,

    /// <summary>512-bit vectors of sixteen nonces with AVX-512F; three chains. The fastest where supported.</summary>
    Avx512,
}
