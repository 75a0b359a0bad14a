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

    /// <summary>Nonces between cancellation checks: about 0.1 ms of vector work.</summary>
    private const int CancellationStride = 1 << 12;

    /// <summary>
    /// Hashes the nonces whose high word is the plan's and whose low word is in
    /// <c>[firstLow, firstLow + count)</c> (which must not pass 2^32), adding the qualifying ones
    /// to <paramref name="found"/> in ascending order. Returns how many were hashed: fewer than
    /// <paramref name="count"/> only when cancelled.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Search(SecondBlockPlan plan, uint firstLow, ulong count, FoundNonces found, CancellationToken cancellationToken)
    {
        var p = plan.Words;

        // Slots 8..63, plus the constant parts of W22..W37 in the W fields of slots 0..15. The
        // block is aligned to 64 bytes: a vector that straddles cache lines costs two accesses.
        Span<byte> block = stackalloc byte[64 * Unsafe.SizeOf<ScheduleSlot<TVec>>() + 64];
        ref var start = ref MemoryMarshal.GetReference(block);
        ref var slots = ref Unsafe.As<byte, ScheduleSlot<TVec>>(ref Unsafe.Add(ref start, AlignmentPadding(ref start)));
        for (var i = 8; i < FirstVariable; i++)
        {
            Unsafe.Add(ref slots, i).KW = TLanes.Broadcast(p[SecondBlockPlan.FixedRoundInputs + i - 8]);
        }

        for (var i = FirstVariable; i < 64; i++)
        {
            Unsafe.Add(ref slots, i).K = TLanes.Broadcast(Sha256.K[i]);
            if (i < FirstFull)
            {
                Unsafe.Add(ref slots, i - FirstVariable).W = TLanes.Broadcast(p[SecondBlockPlan.ScheduleConstants + i - FirstVariable]);
            }
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
        var untilCheck = CancellationStride;

        for (ulong done = 0; done < count; done += width)
        {
            untilCheck -= (int)width;
            if (untilCheck < 0)
            {
                untilCheck = CancellationStride;
                if (cancellationToken.IsCancellationRequested)
                {
                    return done;
                }
            }

            var w7 = TLanes.Add(TLanes.Broadcast(firstLow + (uint)done), lanes);
            Schedule(ref slots, w7);

            // Round 7 only adds W7 to two constants; then the shifted round-6 variables follow.
            TVec a = TLanes.Add(round7A, w7), b = a6, c = b6, d = c6;
            TVec e = TLanes.Add(round7E, w7), f = e6, g = f6, h = g6;
            ref var slot = ref Unsafe.Add(ref slots, 8);
            for (var i = 8; i < 64; i += 8)
            {
                Round(a, b, c, ref d, e, f, g, ref h, slot.KW);
                Round(h, a, b, ref c, d, e, f, ref g, Unsafe.Add(ref slot, 1).KW);
                Round(g, h, a, ref b, c, d, e, ref f, Unsafe.Add(ref slot, 2).KW);
                Round(f, g, h, ref a, b, c, d, ref e, Unsafe.Add(ref slot, 3).KW);
                Round(e, f, g, ref h, a, b, c, ref d, Unsafe.Add(ref slot, 4).KW);
                Round(d, e, f, ref g, h, a, b, ref c, Unsafe.Add(ref slot, 5).KW);
                Round(c, d, e, ref f, g, h, a, ref b, Unsafe.Add(ref slot, 6).KW);
                Round(b, c, d, ref e, f, g, h, ref a, Unsafe.Add(ref slot, 7).KW);
                slot = ref Unsafe.Add(ref slot, 8);
            }

            var hits = TLanes.AtMost(TLanes.Add(a, midstate0), target0);
            if (hits != 0)
            {
                Verify(plan, firstLow + (uint)done, hits, count - done, found);
            }
        }

        return count;
    }

    /// <summary>Bytes from <paramref name="start"/> to the next multiple of 64.</summary>
    private static unsafe int AlignmentPadding(ref byte start) => (int)(-(nint)Unsafe.AsPointer(ref start) & 63);

    /// <summary>
    /// W22..W63 for one batch, and K + W beside each. Up to W37 some of the four terms of
    /// σ1(W[i−2]) + W[i−7] + σ0(W[i−15]) + W[i−16] are fixed for the plan and were summed into the
    /// constant kept in slot i − 22's W field; only the terms that depend on W7 are computed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Schedule(ref ScheduleSlot<TVec> slots, TVec w7)
    {
        ref var s = ref Unsafe.Add(ref slots, 22);
        Store(ref s, TLanes.Add(Constant(ref s), TLanes.SmallSigma0(w7)));
        s = ref Unsafe.Add(ref s, 1);
        Store(ref s, TLanes.Add(Constant(ref s), w7));
        s = ref Unsafe.Add(ref s, 1);
        for (var i = 24; i <= 28; i++)
        {
            Store(ref s, TLanes.Add(TLanes.SmallSigma1(Back(ref s, 2)), Constant(ref s)));
            s = ref Unsafe.Add(ref s, 1);
        }

        for (var i = 29; i <= 36; i++)
        {
            var x = TLanes.Add(TLanes.SmallSigma1(Back(ref s, 2)), Back(ref s, 7));
            Store(ref s, TLanes.Add(x, Constant(ref s)));
            s = ref Unsafe.Add(ref s, 1);
        }

        var w37 = TLanes.Add(TLanes.SmallSigma1(Back(ref s, 2)), Back(ref s, 7));
        Store(ref s, TLanes.Add(w37, TLanes.Add(TLanes.SmallSigma0(Back(ref s, 15)), Constant(ref s))));
        s = ref Unsafe.Add(ref s, 1);
        for (var i = FirstFull; i < 64; i++)
        {
            var x = TLanes.Add(TLanes.SmallSigma1(Back(ref s, 2)), Back(ref s, 7));
            var y = TLanes.Add(TLanes.SmallSigma0(Back(ref s, 15)), Back(ref s, 16));
            Store(ref s, TLanes.Add(x, y));
            s = ref Unsafe.Add(ref s, 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Back(ref ScheduleSlot<TVec> slot, int distance) => Unsafe.Subtract(ref slot, distance).W;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Constant(ref ScheduleSlot<TVec> slot) => Unsafe.Subtract(ref slot, FirstVariable).W;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref ScheduleSlot<TVec> slot, TVec w)
    {
        slot.W = w;
        slot.KW = TLanes.Add(w, slot.K);
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
