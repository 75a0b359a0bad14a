using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Beamchain.Kernels.Hashing;
using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Cpu;

/// <summary>
/// The CPU's proof-of-work loop: hashes 2 × <c>TLanes.Width</c> consecutive nonces at once, starting
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
    /// <remarks>
    /// Each batch is two vectors of consecutive nonces, X then Y, hashed as two independent
    /// instruction streams: one round's operations depend on each other, and a second chain
    /// gives the core independent work to fill its vector pipes with.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Search(SecondBlockPlan plan, uint firstLow, ulong count, FoundNonces found, CancellationToken cancellationToken)
    {
        var p = plan.Words;

        // Slots 8..63, plus the constant parts of W22..W37 in the WX fields of slots 0..15. The
        // block is aligned to 64 bytes: a vector that straddles cache lines costs two accesses.
        Span<byte> block = stackalloc byte[64 * Unsafe.SizeOf<ScheduleSlot<TVec>>() + 64];
        ref var start = ref MemoryMarshal.GetReference(block);
        ref var slots = ref Unsafe.As<byte, ScheduleSlot<TVec>>(ref Unsafe.Add(ref start, AlignmentPadding(ref start)));
        for (var i = 8; i < FirstVariable; i++)
        {
            ref var slot = ref Unsafe.Add(ref slots, i);
            slot.KWX = slot.KWY = TLanes.Broadcast(p[SecondBlockPlan.FixedRoundInputs + i - 8]);
        }

        for (var i = FirstVariable; i < 64; i++)
        {
            Unsafe.Add(ref slots, i).K = TLanes.Broadcast(Sha256.K[i]);
            if (i < FirstFull)
            {
                Unsafe.Add(ref slots, i - FirstVariable).WX = TLanes.Broadcast(p[SecondBlockPlan.ScheduleConstants + i - FirstVariable]);
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

        for (ulong done = 0; done < count; done += 2 * width)
        {
            untilCheck -= 2 * (int)width;
            if (untilCheck < 0)
            {
                untilCheck = CancellationStride;
                if (cancellationToken.IsCancellationRequested)
                {
                    return done;
                }
            }

            var w7X = TLanes.Add(TLanes.Broadcast(firstLow + (uint)done), lanes);
            var w7Y = TLanes.Add(TLanes.Broadcast(firstLow + (uint)done + width), lanes);
            Word(ref slots, 22, w7X, w7Y);
            Word(ref slots, 23, w7X, w7Y);

            // Round 7 only adds W7 to two constants; then the shifted round-6 variables follow.
            TVec aX = TLanes.Add(round7A, w7X), bX = a6, cX = b6, dX = c6;
            TVec eX = TLanes.Add(round7E, w7X), fX = e6, gX = f6, hX = g6;
            TVec aY = TLanes.Add(round7A, w7Y), bY = a6, cY = b6, dY = c6;
            TVec eY = TLanes.Add(round7E, w7Y), fY = e6, gY = f6, hY = g6;
            ref var s = ref Unsafe.Add(ref slots, 8);
            for (var i = 8; i < 64; i += 8)
            {
                // The words of the next eight rounds, computed among this group's rounds so that
                // the rotate-heavy schedule shares the vector pipes with the add-heavy rounds.
                for (var j = Math.Max(i + 8, 24); j < Math.Min(i + 16, 64); j++)
                {
                    Word(ref slots, j, w7X, w7Y);
                }

                Round(aX, bX, cX, ref dX, eX, fX, gX, ref hX, s.KWX);
                Round(aY, bY, cY, ref dY, eY, fY, gY, ref hY, s.KWY);
                s = ref Unsafe.Add(ref s, 1);
                Round(hX, aX, bX, ref cX, dX, eX, fX, ref gX, s.KWX);
                Round(hY, aY, bY, ref cY, dY, eY, fY, ref gY, s.KWY);
                s = ref Unsafe.Add(ref s, 1);
                Round(gX, hX, aX, ref bX, cX, dX, eX, ref fX, s.KWX);
                Round(gY, hY, aY, ref bY, cY, dY, eY, ref fY, s.KWY);
                s = ref Unsafe.Add(ref s, 1);
                Round(fX, gX, hX, ref aX, bX, cX, dX, ref eX, s.KWX);
                Round(fY, gY, hY, ref aY, bY, cY, dY, ref eY, s.KWY);
                s = ref Unsafe.Add(ref s, 1);
                Round(eX, fX, gX, ref hX, aX, bX, cX, ref dX, s.KWX);
                Round(eY, fY, gY, ref hY, aY, bY, cY, ref dY, s.KWY);
                s = ref Unsafe.Add(ref s, 1);
                Round(dX, eX, fX, ref gX, hX, aX, bX, ref cX, s.KWX);
                Round(dY, eY, fY, ref gY, hY, aY, bY, ref cY, s.KWY);
                s = ref Unsafe.Add(ref s, 1);
                Round(cX, dX, eX, ref fX, gX, hX, aX, ref bX, s.KWX);
                Round(cY, dY, eY, ref fY, gY, hY, aY, ref bY, s.KWY);
                s = ref Unsafe.Add(ref s, 1);
                Round(bX, cX, dX, ref eX, fX, gX, hX, ref aX, s.KWX);
                Round(bY, cY, dY, ref eY, fY, gY, hY, ref aY, s.KWY);
                s = ref Unsafe.Add(ref s, 1);
            }

            var hits = TLanes.AtMost(TLanes.Add(aX, midstate0), target0) | (TLanes.AtMost(TLanes.Add(aY, midstate0), target0) << TLanes.Width);
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
    /// Schedule word W[i] (22 ≤ i &lt; 64) of both chains, and K + W beside it. Up to W37 some of the
    /// four terms of σ1(W[i−2]) + W[i−7] + σ0(W[i−15]) + W[i−16] are fixed for the plan and were
    /// summed into the constant kept in slot i − 22's WX field; only the terms that depend on W7
    /// are computed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Word(ref ScheduleSlot<TVec> slots, int i, TVec w7X, TVec w7Y)
    {
        ref var s = ref Unsafe.Add(ref slots, i);
        if (i >= FirstFull)
        {
            Store(ref s, Full(ref s, Unsafe.Subtract(ref s, 2).WX, Unsafe.Subtract(ref s, 7).WX, Unsafe.Subtract(ref s, 15).WX, Unsafe.Subtract(ref s, 16).WX),
                Full(ref s, Unsafe.Subtract(ref s, 2).WY, Unsafe.Subtract(ref s, 7).WY, Unsafe.Subtract(ref s, 15).WY, Unsafe.Subtract(ref s, 16).WY));
        }
        else if (i >= 29)
        {
            var x = TLanes.Add(TLanes.Add(TLanes.SmallSigma1(Unsafe.Subtract(ref s, 2).WX), Unsafe.Subtract(ref s, 7).WX), Constant(ref s));
            var y = TLanes.Add(TLanes.Add(TLanes.SmallSigma1(Unsafe.Subtract(ref s, 2).WY), Unsafe.Subtract(ref s, 7).WY), Constant(ref s));
            if (i == 37)
            {
                x = TLanes.Add(x, TLanes.SmallSigma0(Unsafe.Subtract(ref s, 15).WX));
                y = TLanes.Add(y, TLanes.SmallSigma0(Unsafe.Subtract(ref s, 15).WY));
            }

            Store(ref s, x, y);
        }
        else if (i >= 24)
        {
            Store(
                ref s,
                TLanes.Add(TLanes.SmallSigma1(Unsafe.Subtract(ref s, 2).WX), Constant(ref s)),
                TLanes.Add(TLanes.SmallSigma1(Unsafe.Subtract(ref s, 2).WY), Constant(ref s)));
        }
        else if (i == 23)
        {
            Store(ref s, TLanes.Add(Constant(ref s), w7X), TLanes.Add(Constant(ref s), w7Y));
        }
        else
        {
            Store(ref s, TLanes.Add(Constant(ref s), TLanes.SmallSigma0(w7X)), TLanes.Add(Constant(ref s), TLanes.SmallSigma0(w7Y)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Full(ref ScheduleSlot<TVec> slot, TVec back2, TVec back7, TVec back15, TVec back16) =>
        TLanes.Add(TLanes.Add(TLanes.SmallSigma1(back2), back7), TLanes.Add(TLanes.SmallSigma0(back15), back16));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Constant(ref ScheduleSlot<TVec> slot) => Unsafe.Subtract(ref slot, FirstVariable).WX;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref ScheduleSlot<TVec> slot, TVec x, TVec y)
    {
        slot.WX = x;
        slot.WY = y;
        slot.KWX = TLanes.Add(x, slot.K);
        slot.KWY = TLanes.Add(y, slot.K);
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
