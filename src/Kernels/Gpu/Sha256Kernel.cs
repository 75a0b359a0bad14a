using Beamchain.Kernels.Search;
using ILGPU;

namespace Beamchain.Kernels.Gpu;

/// <summary>
/// The ILGPU nonce-search kernel. Each thread hashes <c>perThread</c> consecutive low nonce words
/// of one <see cref="SecondBlockPlan"/> (uploaded as <c>plan</c>), starting at round 7 from the
/// plan's constants, and appends the qualifying ones to <c>found</c>: word 0 counts every
/// qualifying nonce, words 1..<see cref="SearchResult.MaxFound"/> hold the first ones to arrive.
/// </summary>
public static class Sha256Kernel
{
    /// <summary>Words in the result buffer: the count, then the low words.</summary>
    public const int FoundLength = 1 + SearchResult.MaxFound;

    public static void Search<TBitOps>(Index1D thread, ArrayView<uint> plan, uint firstLow, uint count, int perThread, ArrayView<uint> found)
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

    private static bool Qualifies<TBitOps>(ArrayView<uint> p, uint low)
        where TBitOps : struct, IBitOps
    {
        var ops = default(TBitOps);

        // After round 7: only a and e depend on the low word.
        var a = p[SecondBlockPlan.Round7A] + low;
        var e = p[SecondBlockPlan.Round7E] + low;
        var b = p[SecondBlockPlan.Round6State + 0];
        var c = p[SecondBlockPlan.Round6State + 1];
        var d = p[SecondBlockPlan.Round6State + 2];
        var f = p[SecondBlockPlan.Round6State + 4];
        var g = p[SecondBlockPlan.Round6State + 5];
        var h = p[SecondBlockPlan.Round6State + 6];

        const int fixedInputs = SecondBlockPlan.FixedRoundInputs - 8;
        Round(ops, a, b, c, ref d, e, f, g, ref h, p[fixedInputs + 8]);
        Round(ops, h, a, b, ref c, d, e, f, ref g, p[fixedInputs + 9]);
        Round(ops, g, h, a, ref b, c, d, e, ref f, p[fixedInputs + 10]);
        Round(ops, f, g, h, ref a, b, c, d, ref e, p[fixedInputs + 11]);
        Round(ops, e, f, g, ref h, a, b, c, ref d, p[fixedInputs + 12]);
        Round(ops, d, e, f, ref g, h, a, b, ref c, p[fixedInputs + 13]);
        Round(ops, c, d, e, ref f, g, h, a, ref b, p[fixedInputs + 14]);
        Round(ops, b, c, d, ref e, f, g, h, ref a, p[fixedInputs + 15]);

        // Rounds 16..63 with the message schedule kept as a rolling window of 16 words.
        const int bw = SecondBlockPlan.BlockWords;
        uint w0 = p[bw + 0], w1 = p[bw + 1], w2 = p[bw + 2], w3 = p[bw + 3];
        uint w4 = p[bw + 4], w5 = p[bw + 5], w6 = p[bw + 6], w7 = low;
        uint w8 = p[bw + 8], w9 = p[bw + 9], w10 = p[bw + 10], w11 = p[bw + 11];
        uint w12 = p[bw + 12], w13 = p[bw + 13], w14 = p[bw + 14], w15 = p[bw + 15];
        for (var i = 16; i < 64; i += 16)
        {
            var k = SecondBlockPlan.RoundConstants + i;
            w0 += SmallSigma1(ops, w14) + w9 + SmallSigma0(ops, w1);
            Round(ops, a, b, c, ref d, e, f, g, ref h, p[k + 0] + w0);
            w1 += SmallSigma1(ops, w15) + w10 + SmallSigma0(ops, w2);
            Round(ops, h, a, b, ref c, d, e, f, ref g, p[k + 1] + w1);
            w2 += SmallSigma1(ops, w0) + w11 + SmallSigma0(ops, w3);
            Round(ops, g, h, a, ref b, c, d, e, ref f, p[k + 2] + w2);
            w3 += SmallSigma1(ops, w1) + w12 + SmallSigma0(ops, w4);
            Round(ops, f, g, h, ref a, b, c, d, ref e, p[k + 3] + w3);
            w4 += SmallSigma1(ops, w2) + w13 + SmallSigma0(ops, w5);
            Round(ops, e, f, g, ref h, a, b, c, ref d, p[k + 4] + w4);
            w5 += SmallSigma1(ops, w3) + w14 + SmallSigma0(ops, w6);
            Round(ops, d, e, f, ref g, h, a, b, ref c, p[k + 5] + w5);
            w6 += SmallSigma1(ops, w4) + w15 + SmallSigma0(ops, w7);
            Round(ops, c, d, e, ref f, g, h, a, ref b, p[k + 6] + w6);
            w7 += SmallSigma1(ops, w5) + w0 + SmallSigma0(ops, w8);
            Round(ops, b, c, d, ref e, f, g, h, ref a, p[k + 7] + w7);
            w8 += SmallSigma1(ops, w6) + w1 + SmallSigma0(ops, w9);
            Round(ops, a, b, c, ref d, e, f, g, ref h, p[k + 8] + w8);
            w9 += SmallSigma1(ops, w7) + w2 + SmallSigma0(ops, w10);
            Round(ops, h, a, b, ref c, d, e, f, ref g, p[k + 9] + w9);
            w10 += SmallSigma1(ops, w8) + w3 + SmallSigma0(ops, w11);
            Round(ops, g, h, a, ref b, c, d, e, ref f, p[k + 10] + w10);
            w11 += SmallSigma1(ops, w9) + w4 + SmallSigma0(ops, w12);
            Round(ops, f, g, h, ref a, b, c, d, ref e, p[k + 11] + w11);
            w12 += SmallSigma1(ops, w10) + w5 + SmallSigma0(ops, w13);
            Round(ops, e, f, g, ref h, a, b, c, ref d, p[k + 12] + w12);
            w13 += SmallSigma1(ops, w11) + w6 + SmallSigma0(ops, w14);
            Round(ops, d, e, f, ref g, h, a, b, ref c, p[k + 13] + w13);
            w14 += SmallSigma1(ops, w12) + w7 + SmallSigma0(ops, w15);
            Round(ops, c, d, e, ref f, g, h, a, ref b, p[k + 14] + w14);
            w15 += SmallSigma1(ops, w13) + w8 + SmallSigma0(ops, w0);
            Round(ops, b, c, d, ref e, f, g, h, ref a, p[k + 15] + w15);
        }

        // The hash is midstate + (a..h); compare with the target word by word, most significant first.
        const int m = SecondBlockPlan.Midstate;
        const int t = SecondBlockPlan.Target;
        var h0 = p[m + 0] + a;
        if (h0 != p[t + 0]) return h0 < p[t + 0];
        var h1 = p[m + 1] + b;
        if (h1 != p[t + 1]) return h1 < p[t + 1];
        var h2 = p[m + 2] + c;
        if (h2 != p[t + 2]) return h2 < p[t + 2];
        var h3 = p[m + 3] + d;
        if (h3 != p[t + 3]) return h3 < p[t + 3];
        var h4 = p[m + 4] + e;
        if (h4 != p[t + 4]) return h4 < p[t + 4];
        var h5 = p[m + 5] + f;
        if (h5 != p[t + 5]) return h5 < p[t + 5];
        var h6 = p[m + 6] + g;
        if (h6 != p[t + 6]) return h6 < p[t + 6];
        return p[m + 7] + h <= p[t + 7];
    }

    private static void Round<TBitOps>(TBitOps ops, uint a, uint b, uint c, ref uint d, uint e, uint f, uint g, ref uint h, uint kw)
        where TBitOps : struct, IBitOps
    {
        var bigSigma1 = ops.RotateRight(e, 6) ^ ops.RotateRight(e, 11) ^ ops.RotateRight(e, 25);
        var t1 = h + kw + bigSigma1 + ops.Choose(e, f, g);
        var bigSigma0 = ops.RotateRight(a, 2) ^ ops.RotateRight(a, 13) ^ ops.RotateRight(a, 22);
        d += t1;
        h = t1 + bigSigma0 + ops.Majority(a, b, c);
    }

    private static uint SmallSigma0<TBitOps>(TBitOps ops, uint x)
        where TBitOps : struct, IBitOps =>
        ops.RotateRight(x, 7) ^ ops.RotateRight(x, 18) ^ (x >> 3);

    private static uint SmallSigma1<TBitOps>(TBitOps ops, uint x)
        where TBitOps : struct, IBitOps =>
        ops.RotateRight(x, 17) ^ ops.RotateRight(x, 19) ^ (x >> 10);
}
