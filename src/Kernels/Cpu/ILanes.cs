namespace Beamchain.Kernels.Cpu;

/// <summary>
/// SHA-256's word operations on <typeparamref name="TVec"/>, which holds one 32-bit word per lane
/// (one lane per nonce). Implemented by structs so the JIT specialises and inlines
/// <see cref="LaneSearch{TLanes,TVec}"/> for each instruction set.
/// </summary>
internal interface ILanes<TVec>
    where TVec : unmanaged
{
    /// <summary>Nonces per vector.</summary>
    static abstract int Width { get; }

    /// <summary>
    /// Vectors hashed side by side as independent dependency chains (1 to 3): more chains keep
    /// more pipes busy, until the registers run out.
    /// </summary>
    static abstract int Chains { get; }

    static abstract bool IsSupported { get; }

    static abstract TVec Broadcast(uint value);

    /// <summary>0, 1, …, Width − 1.</summary>
    static abstract TVec LaneIndices { get; }

    static abstract TVec Add(TVec x, TVec y);

    static abstract TVec BigSigma0(TVec x);

    static abstract TVec BigSigma1(TVec x);

    static abstract TVec SmallSigma0(TVec x);

    static abstract TVec SmallSigma1(TVec x);

    static abstract TVec Choose(TVec e, TVec f, TVec g);

    static abstract TVec Majority(TVec a, TVec b, TVec c);

    /// <summary>Bit i set where lane i is at most <paramref name="bound"/> (unsigned).</summary>
    static abstract uint AtMost(TVec x, TVec bound);
}
