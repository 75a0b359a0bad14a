using Beamchain.Kernels.Search;
using ILGPU;

namespace Beamchain.Kernels.Gpu;

/// <summary>
/// The ILGPU nonce-search kernel. Each thread hashes <c>perThread</c> consecutive low nonce words
/// of one <see cref="SecondBlockPlan"/> (passed as <see cref="KernelConstants"/>, so the constant
/// work reaches the GPU as a kernel parameter, not memory), starting at round 8 from the plan's
/// constants, and appends the qualifying ones to <c>found</c>: word 0 counts every qualifying
/// nonce, words 1..<see cref="SearchResult.MaxFound"/> hold the first ones to arrive. Memory is
/// touched only for a qualifying nonce.
/// </summary>
public static class Sha256Kernel
{
    /// <summary>Words in the result buffer: the count, then the low words.</summary>
    public const int FoundLength = 1 + SearchResult.MaxFound;

    public static void Search<TBitOps>(Index1D thread, KernelConstants plan, uint firstLow, uint count, int perThread, ArrayView<uint> found)
        where TBitOps : struct, IBitOps
    {
        var first = (ulong)thread.X * (ulong)perThread;
        for (var k = 0; k < perThread; k++)
        {
            var offset = first + (ulong)k;
            if (offset >= count)
            {
                return;
            }

            var low = firstLow + (uint)offset;
            if (Qualifies<TBitOps>(plan, low))
            {
                var slot = Atomic.Add(ref found[0], 1u);
                if (slot < SearchResult.MaxFound)
                {
                    found[(int)slot + 1] = low;
                }
            }
        }
    }

    /// <summary>
    /// Rounds 8..63 for one low word, unrolled so that every plan word and round constant is a
    /// fixed operand. Round 7 only adds the low word to two constants; rounds 8..21 use fixed
    /// message words; W22..W37 add only their varying terms to the plan's constant parts.
    /// </summary>
    private static bool Qualifies<TBitOps>(KernelConstants p, uint low)
        where TBitOps : struct, IBitOps
    {
        var ops = default(TBitOps);
        var a = p.Round7A + low;
        var b = p.A6;
        var c = p.B6;
        var d = p.C6;
        var e = p.Round7E + low;
        var f = p.E6;
        var g = p.F6;
        var h = p.G6;

        Round(ops, a, b, c, ref d, e, f, g, ref h, p.KW8);
        Round(ops, h, a, b, ref c, d, e, f, ref g, p.KW9);
        Round(ops, g, h, a, ref b, c, d, e, ref f, p.KW10);
        Round(ops, f, g, h, ref a, b, c, d, ref e, p.KW11);
        Round(ops, e, f, g, ref h, a, b, c, ref d, p.KW12);
        Round(ops, d, e, f, ref g, h, a, b, ref c, p.KW13);
        Round(ops, c, d, e, ref f, g, h, a, ref b, p.KW14);
        Round(ops, b, c, d, ref e, f, g, h, ref a, p.KW15);
        Round(ops, a, b, c, ref d, e, f, g, ref h, p.KW16);
        Round(ops, h, a, b, ref c, d, e, f, ref g, p.KW17);
        Round(ops, g, h, a, ref b, c, d, e, ref f, p.KW18);
        Round(ops, f, g, h, ref a, b, c, d, ref e, p.KW19);
        Round(ops, e, f, g, ref h, a, b, c, ref d, p.KW20);
        Round(ops, d, e, f, ref g, h, a, b, ref c, p.KW21);

        // W22..W37: the plan's constant part plus the terms that depend on the low word (W7 and W22 on).
        var w22 = p.C22 + SmallSigma0(ops, low);
        Round(ops, c, d, e, ref f, g, h, a, ref b, p.K22 + w22);
        var w23 = p.C23 + low;
        Round(ops, b, c, d, ref e, f, g, h, ref a, p.K23 + w23);
        var w24 = p.C24 + SmallSigma1(ops, w22);
        Round(ops, a, b, c, ref d, e, f, g, ref h, p.K24 + w24);
        var w25 = p.C25 + SmallSigma1(ops, w23);
        Round(ops, h, a, b, ref c, d, e, f, ref g, p.K25 + w25);
        var w26 = p.C26 + SmallSigma1(ops, w24);
        Round(ops, g, h, a, ref b, c, d, e, ref f, p.K26 + w26);
        var w27 = p.C27 + SmallSigma1(ops, w25);
        Round(ops, f, g, h, ref a, b, c, d, ref e, p.K27 + w27);
        var w28 = p.C28 + SmallSigma1(ops, w26);
        Round(ops, e, f, g, ref h, a, b, c, ref d, p.K28 + w28);
        var w29 = p.C29 + SmallSigma1(ops, w27) + w22;
        Round(ops, d, e, f, ref g, h, a, b, ref c, p.K29 + w29);
        var w30 = p.C30 + SmallSigma1(ops, w28) + w23;
        Round(ops, c, d, e, ref f, g, h, a, ref b, p.K30 + w30);
        var w31 = p.C31 + SmallSigma1(ops, w29) + w24;
        Round(ops, b, c, d, ref e, f, g, h, ref a, p.K31 + w31);
        var w32 = p.C32 + SmallSigma1(ops, w30) + w25;
        Round(ops, a, b, c, ref d, e, f, g, ref h, p.K32 + w32);
        var w33 = p.C33 + SmallSigma1(ops, w31) + w26;
        Round(ops, h, a, b, ref c, d, e, f, ref g, p.K33 + w33);
        var w34 = p.C34 + SmallSigma1(ops, w32) + w27;
        Round(ops, g, h, a, ref b, c, d, e, ref f, p.K34 + w34);
        var w35 = p.C35 + SmallSigma1(ops, w33) + w28;
        Round(ops, f, g, h, ref a, b, c, d, ref e, p.K35 + w35);
        var w36 = p.C36 + SmallSigma1(ops, w34) + w29;
        Round(ops, e, f, g, ref h, a, b, c, ref d, p.K36 + w36);
        var w37 = p.C37 + SmallSigma1(ops, w35) + w30 + SmallSigma0(ops, w22);
        Round(ops, d, e, f, ref g, h, a, b, ref c, p.K37 + w37);
        // W38..W63: every term varies, so the full formula.
        var w38 = SmallSigma1(ops, w36) + w31 + SmallSigma0(ops, w23) + w22;
        Round(ops, c, d, e, ref f, g, h, a, ref b, p.K38 + w38);
        var w39 = SmallSigma1(ops, w37) + w32 + SmallSigma0(ops, w24) + w23;
        Round(ops, b, c, d, ref e, f, g, h, ref a, p.K39 + w39);
        var w40 = SmallSigma1(ops, w38) + w33 + SmallSigma0(ops, w25) + w24;
        Round(ops, a, b, c, ref d, e, f, g, ref h, p.K40 + w40);
        var w41 = SmallSigma1(ops, w39) + w34 + SmallSigma0(ops, w26) + w25;
        Round(ops, h, a, b, ref c, d, e, f, ref g, p.K41 + w41);
        var w42 = SmallSigma1(ops, w40) + w35 + SmallSigma0(ops, w27) + w26;
        Round(ops, g, h, a, ref b, c, d, e, ref f, p.K42 + w42);
        var w43 = SmallSigma1(ops, w41) + w36 + SmallSigma0(ops, w28) + w27;
        Round(ops, f, g, h, ref a, b, c, d, ref e, p.K43 + w43);
        var w44 = SmallSigma1(ops, w42) + w37 + SmallSigma0(ops, w29) + w28;
        Round(ops, e, f, g, ref h, a, b, c, ref d, p.K44 + w44);
        var w45 = SmallSigma1(ops, w43) + w38 + SmallSigma0(ops, w30) + w29;
        Round(ops, d, e, f, ref g, h, a, b, ref c, p.K45 + w45);
        var w46 = SmallSigma1(ops, w44) + w39 + SmallSigma0(ops, w31) + w30;
        Round(ops, c, d, e, ref f, g, h, a, ref b, p.K46 + w46);
        var w47 = SmallSigma1(ops, w45) + w40 + SmallSigma0(ops, w32) + w31;
        Round(ops, b, c, d, ref e, f, g, h, ref a, p.K47 + w47);
        var w48 = SmallSigma1(ops, w46) + w41 + SmallSigma0(ops, w33) + w32;
        Round(ops, a, b, c, ref d, e, f, g, ref h, p.K48 + w48);
        var w49 = SmallSigma1(ops, w47) + w42 + SmallSigma0(ops, w34) + w33;
        Round(ops, h, a, b, ref c, d, e, f, ref g, p.K49 + w49);
        var w50 = SmallSigma1(ops, w48) + w43 + SmallSigma0(ops, w35) + w34;
        Round(ops, g, h, a, ref b, c, d, e, ref f, p.K50 + w50);
        var w51 = SmallSigma1(ops, w49) + w44 + SmallSigma0(ops, w36) + w35;
        Round(ops, f, g, h, ref a, b, c, d, ref e, p.K51 + w51);
        var w52 = SmallSigma1(ops, w50) + w45 + SmallSigma0(ops, w37) + w36;
        Round(ops, e, f, g, ref h, a, b, c, ref d, p.K52 + w52);
        var w53 = SmallSigma1(ops, w51) + w46 + SmallSigma0(ops, w38) + w37;
        Round(ops, d, e, f, ref g, h, a, b, ref c, p.K53 + w53);
        var w54 = SmallSigma1(ops, w52) + w47 + SmallSigma0(ops, w39) + w38;
        Round(ops, c, d, e, ref f, g, h, a, ref b, p.K54 + w54);
        var w55 = SmallSigma1(ops, w53) + w48 + SmallSigma0(ops, w40) + w39;
        Round(ops, b, c, d, ref e, f, g, h, ref a, p.K55 + w55);
        var w56 = SmallSigma1(ops, w54) + w49 + SmallSigma0(ops, w41) + w40;
        Round(ops, a, b, c, ref d, e, f, g, ref h, p.K56 + w56);
        var w57 = SmallSigma1(ops, w55) + w50 + SmallSigma0(ops, w42) + w41;
        Round(ops, h, a, b, ref c, d, e, f, ref g, p.K57 + w57);
        var w58 = SmallSigma1(ops, w56) + w51 + SmallSigma0(ops, w43) + w42;
        Round(ops, g, h, a, ref b, c, d, e, ref f, p.K58 + w58);
        var w59 = SmallSigma1(ops, w57) + w52 + SmallSigma0(ops, w44) + w43;
        Round(ops, f, g, h, ref a, b, c, d, ref e, p.K59 + w59);
        var w60 = SmallSigma1(ops, w58) + w53 + SmallSigma0(ops, w45) + w44;
        Round(ops, e, f, g, ref h, a, b, c, ref d, p.K60 + w60);
        var w61 = SmallSigma1(ops, w59) + w54 + SmallSigma0(ops, w46) + w45;
        Round(ops, d, e, f, ref g, h, a, b, ref c, p.K61 + w61);
        var w62 = SmallSigma1(ops, w60) + w55 + SmallSigma0(ops, w47) + w46;
        Round(ops, c, d, e, ref f, g, h, a, ref b, p.K62 + w62);
        var w63 = SmallSigma1(ops, w61) + w56 + SmallSigma0(ops, w48) + w47;
        Round(ops, b, c, d, ref e, f, g, h, ref a, p.K63 + w63);

        // The hash is midstate + (a..h); compare with the target word by word, most significant first.
        var h0 = p.Midstate0 + a;
        if (h0 != p.Target0) return h0 < p.Target0;
        var h1 = p.Midstate1 + b;
        if (h1 != p.Target1) return h1 < p.Target1;
        var h2 = p.Midstate2 + c;
        if (h2 != p.Target2) return h2 < p.Target2;
        var h3 = p.Midstate3 + d;
        if (h3 != p.Target3) return h3 < p.Target3;
        var h4 = p.Midstate4 + e;
        if (h4 != p.Target4) return h4 < p.Target4;
        var h5 = p.Midstate5 + f;
        if (h5 != p.Target5) return h5 < p.Target5;
        var h6 = p.Midstate6 + g;
        if (h6 != p.Target6) return h6 < p.Target6;
        return p.Midstate7 + h <= p.Target7;
    }

    private static void Round<TBitOps>(TBitOps ops, uint a, uint b, uint c, ref uint d, uint e, uint f, uint g, ref uint h, uint kw)
        where TBitOps : struct, IBitOps
    {
        var bigSigma1 = ops.Xor3(ops.RotateRight(e, 6), ops.RotateRight(e, 11), ops.RotateRight(e, 25));
        var t1 = h + kw + bigSigma1 + ops.Choose(e, f, g);
        var bigSigma0 = ops.Xor3(ops.RotateRight(a, 2), ops.RotateRight(a, 13), ops.RotateRight(a, 22));
        d += t1;
        h = t1 + bigSigma0 + ops.Majority(a, b, c);
    }

    private static uint SmallSigma0<TBitOps>(TBitOps ops, uint x)
        where TBitOps : struct, IBitOps =>
        ops.Xor3(ops.RotateRight(x, 7), ops.RotateRight(x, 18), x >> 3);

    private static uint SmallSigma1<TBitOps>(TBitOps ops, uint x)
        where TBitOps : struct, IBitOps =>
        ops.Xor3(ops.RotateRight(x, 17), ops.RotateRight(x, 19), x >> 10);
}
