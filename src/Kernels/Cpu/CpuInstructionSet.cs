namespace Beamchain.Kernels.Cpu;

/// <summary>The lane width and instructions the CPU searcher hashes with.</summary>
public enum CpuInstructionSet
{
    /// <summary>One nonce at a time, plain 32-bit arithmetic: works everywhere.</summary>
    Scalar,

    /// <summary>Eight nonces per 256-bit vector, AVX2.</summary>
    Avx2,

    /// <summary>Eight nonces per 256-bit vector, with AVX-512VL rotates and ternary logic.</summary>
    Avx512Vl,

    /// <summary>Sixteen nonces per 512-bit vector, AVX-512F.</summary>
    Avx512,
}
