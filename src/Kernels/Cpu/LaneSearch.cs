using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Beamchain.Kernels.Hashing;
using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Cpu;

/// <summary>
/// The CPU's proof-of-work loop: hashes <c>TLanes.Width</c> consecutive nonces at once, starting
/// from a <see cref="SecondBlockPlan"/> so that only rounds 7..63 and schedule words W22..W63
/// are computed per nonce. A hash can only qualify when its first word is at most the target's,
/// so lanes are screened on that word and only candidates are hashed in full.
/// </summary>
internal static class LaneSearch<TLanes, TVec>
    where TLanes : struct, ILanes<TVec>
    where TVec : unmanaged
{
    private const int FirstVariable = SecondBlockPlan.FirstVariableScheduleWord;
    private const int FirstFull = SecondBlockPlan.FirstFullScheduleWord;

    /// <summary>Nonces between cancellation checks: a multiple of every lane width, ~0.1 ms of vector work.</summary>
    private const ulong CancellationStride = 1 << 12;

    /// <summary>
    /// Hashes the nonces whose high word is the plan's and whose low word is in
    /// <c>[firstLow, firstLow + count)</c> (which must not pass 2^32), adding the qualifying ones
    /// to <paramref name="found"/> in ascending order. Returns how many were hashed: fewer than
    /// <paramref name="count"/> only when cancelled (checked every <see cref="CancellationStride"/> nonces).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Search(SecondBlockPlan plan, uint firstLow, ulong count, FoundNonces found, CancellationToken cancellationToken)
    {
        var p = plan.Words;

        // Message words (w), round constants (k) and K + W per round (kw), one vector per index;
        // kw[8..21] are fixed for the plan, kw[22..63] are rewritten for each batch.
        Span<TVec> wSpan = stackalloc TVec[64];
        Span<TVec> kSpan = stackalloc TVec[64];
        Span<TVec> kwSpan = stackalloc TVec[64];
        Span<TVec> cSpan = stackalloc TVec[FirstFull - FirstVariable];
        ref var w = ref MemoryMarshal.GetReference(wSpan);
        ref var k = ref MemoryMarshal.GetReference(kSpan);
        ref var kw = ref MemoryMarshal.GetReference(kwSpan);
        ref var c = ref MemoryMarshal.GetReference(cSpan);
        for (var i = 8; i < FirstVariable; i++)
        {
            Unsafe.Add(ref kw, i) = TLanes.Broadcast(p[SecondBlockPlan.FixedRoundInputs + i - 8]);
        }

        for (var i = FirstVariable; i < 64; i++)
        {
            Unsafe.Add(ref k, i) = TLanes.Broadcast(Sha256.K[i]);
        }

        for (var i = 0; i < FirstFull - FirstVariable; i++)
        {
            Unsafe.Add(ref c, i) = TLanes.Broadcast(p[SecondBlockPlan.ScheduleConstants + i]);
        }

        var round7A = TLanes.Broadcast(p[SecondBlockPlan.Round7A]);
        var round7E = TLanes.Broadcast(p[SecondBlockPlan.Round7E]);
        var a6 = TLanes.Broadcast(p[SecondBlockPlan.Round6State + 0]);
        var b6 = TLanes.Broadcast(p[SecondBlockPlan.Round6State + 1]);
        var c6 = TLanes.Broadcast(p[SecondBlockPlan.Round6State + 2]);
        var e6 = TLanes.Broadcast(p[SecondBlockPlan.Round6State + 4]);
        var f6 = TLanes.Broadcast(p[SecondBlockPlan.Round6State + 5]);
        var g6 = TLanes.Broadcast(p[SecondBlockPlan.Round6State + 6]);
        var midstate0 = TLanes.Broadcast(p[SecondBlockPlan.Midstate]);
        var target0 = TLanes.Broadcast(p[SecondBlockPlan.Target]);
        var lanes = TLanes.LaneIndices;
        var width = (uint)TLanes.Width;

        var strideMask = CancellationStride - 1;
        for (ulong done = 0; done < count; done += width)
        {
            if ((done & strideMask) == 0 && done != 0 && cancellationToken.IsCancellationRequested)
            {
                return done;
            }

            var w7 = TLanes.Add(TLanes.Broadcast(firstLow + (uint)done), lanes);
            Schedule(ref w, ref k, ref kw, ref c, w7);

            // Round 7 only adds W7 to two constants; then the shifted round-6 variables follow.
            TVec a = TLanes.Add(round7A, w7), b = a6, cc = b6, d = c6;
            TVec e = TLanes.Add(round7E, w7), f = e6, g = f6, h = g6;
            for (var i = 8; i < 64; i += 8)
            {
                ref var r = ref Unsafe.Add(ref kw, i);
                Round(a, b, cc, ref d, e, f, g, ref h, r);
                Round(h, a, b, ref cc, d, e, f, ref g, Unsafe.Add(ref r, 1));
                Round(g, h, a, ref b, cc, d, e, ref f, Unsafe.Add(ref r, 2));
                Round(f, g, h, ref a, b, cc, d, ref e, Unsafe.Add(ref r, 3));
                Round(e, f, g, ref h, a, b, cc, ref d, Unsafe.Add(ref r, 4));
                Round(d, e, f, ref g, h, a, b, ref cc, Unsafe.Add(ref r, 5));
                Round(cc, d, e, ref f, g, h, a, ref b, Unsafe.Add(ref r, 6));
                Round(b, cc, d, ref e, f, g, h, ref a, Unsafe.Add(ref r, 7));
            }

            var hits = TLanes.AtMost(TLanes.Add(a, midstate0), target0);
            if (hits != 0)
            {
                Verify(plan, firstLow + (uint)done, hits, count - done, found);
            }
        }

        return count;
    }

    /// <summary>W22..W63 for one batch (and K + W into kw), using the plan's constant parts up to W37.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Schedule(ref TVec w, ref TVec k, ref TVec kw, ref TVec c, TVec w7)
    {
        Set(ref w, ref k, ref kw, 22, TLanes.Add(c, TLanes.SmallSigma0(w7)));
        Set(ref w, ref k, ref kw, 23, TLanes.Add(Unsafe.Add(ref c, 1), w7));
        for (var i = 24; i <= 28; i++)
        {
            Set(ref w, ref k, ref kw, i, TLanes.Add(TLanes.SmallSigma1(Unsafe.Add(ref w, i - 2)), Unsafe.Add(ref c, i - FirstVariable)));
        }

        for (var i = 29; i <= 36; i++)
        {
            var x = TLanes.Add(TLanes.SmallSigma1(Unsafe.Add(ref w, i - 2)), Unsafe.Add(ref w, i - 7));
            Set(ref w, ref k, ref kw, i, TLanes.Add(x, Unsafe.Add(ref c, i - FirstVariable)));
        }

        var w37 = TLanes.Add(TLanes.SmallSigma1(Unsafe.Add(ref w, 35)), Unsafe.Add(ref w, 30));
        w37 = TLanes.Add(w37, TLanes.Add(TLanes.SmallSigma0(Unsafe.Add(ref w, 22)), Unsafe.Add(ref c, 37 - FirstVariable)));
        Set(ref w, ref k, ref kw, 37, w37);
        for (var i = FirstFull; i < 64; i++)
        {
            var x = TLanes.Add(TLanes.SmallSigma1(Unsafe.Add(ref w, i - 2)), Unsafe.Add(ref w, i - 7));
            var y = TLanes.Add(TLanes.SmallSigma0(Unsafe.Add(ref w, i - 15)), Unsafe.Add(ref w, i - 16));
            Set(ref w, ref k, ref kw, i, TLanes.Add(x, y));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Set(ref TVec w, ref TVec k, ref TVec kw, int i, TVec value)
    {
        Unsafe.Add(ref w, i) = value;
        Unsafe.Add(ref kw, i) = TLanes.Add(value, Unsafe.Add(ref k, i));
    }

    /// <summary>One SHA-256 round, written in place: d becomes the new e and h the new a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(TVec a, TVec b, TVec c, ref TVec d, TVec e, TVec f, TVec g, ref TVec h, TVec kw)
    {
        var t1 = TLanes.Add(TLanes.Add(TLanes.Add(h, kw), TLanes.BigSigma1(e)), TLanes.Choose(e, f, g));
        d = TLanes.Add(d, t1);
        h = TLanes.Add(TLanes.Add(t1, TLanes.BigSigma0(a)), TLanes.Majority(a, b, c));
    }

    /// <summary>Hashes the screened lanes in full and keeps those within the range that meet the whole target.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Verify(SecondBlockPlan plan, uint firstLow, uint hits, ulong remaining, FoundNonces found)
    {
        while (hits != 0)
        {
            var lane = BitOperations.TrailingZeroCount(hits);
            hits &= hits - 1;
            if ((ulong)lane >= remaining)
            {
                break;
            }

            var nonce = ((ulong)plan.High << 32) | (firstLow + (uint)lane);
            if (plan.Job.Qualifies(nonce))
            {
                found.Add(nonce);
            }
        }
    }
}
