namespace Beamchain.Kernels.Cpu;

/// <summary>The lane width and instructions the CPU searcher hashes with.</summary>
public enum CpuInstructionSet
{
    /// <summary>One nonce at a time, plain 32-bit arithmetic: works everywhere.</summary>
    Scalar,

    /// <summary>Eight nonces per 256-bit vector, AVX2.</summary>
    Avx2,

    /// <summary>Sixteen nonces per 512-bit vector, AVX-512F.</summary>
    Avx512,

    /// <summary>
    /// Sixteen nonces as two 256-bit vectors side by side, with AVX-512VL rotates and ternary logic:
    /// the fastest on AMD Zen 4, which runs 256-bit instructions at full rate.
    /// </summary>
    Avx512Vl,
}
