using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Beamchain.Kernels.Hashing;
using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Cpu;

/// <summary>
/// The CPU's proof-of-work loop. A batch is <c>TLanes.Chains</c> vectors of consecutive nonces
/// (chains X, Y, Z), hashed as independent instruction streams interleaved round by round, so
/// the core always has independent work for its vector pipes. Hashing starts from a
/// <see cref="SecondBlockPlan"/>: only rounds 7..63 and schedule words W22..W63 are computed per
/// nonce. A hash can only qualify when its first word is at most the target's, so lanes are
/// screened on that word and only candidates are hashed in full.
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

        // Slots 8..63, plus the constant parts of W22..W37 in the W0 fields of slots 0..15. The
        // block is aligned to 64 bytes: a vector that straddles cache lines costs two accesses.
        Span<byte> block = stackalloc byte[64 * Unsafe.SizeOf<ScheduleSlot<TVec>>() + 64];
        ref var start = ref MemoryMarshal.GetReference(block);
        ref var slots = ref Unsafe.As<byte, ScheduleSlot<TVec>>(ref Unsafe.Add(ref start, AlignmentPadding(ref start)));
        for (var i = 8; i < FirstVariable; i++)
        {
            ref var slot = ref Unsafe.Add(ref slots, i);
            slot.KW0 = slot.KW1 = slot.KW2 = TLanes.Broadcast(p[SecondBlockPlan.FixedRoundInputs + i - 8]);
        }

        for (var i = FirstVariable; i < 64; i++)
        {
            Unsafe.Add(ref slots, i).K = TLanes.Broadcast(Sha256.K[i]);
            if (i < FirstFull)
            {
                Unsafe.Add(ref slots, i - FirstVariable).W0 = TLanes.Broadcast(p[SecondBlockPlan.ScheduleConstants + i - FirstVariable]);
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

        var batchWidth = TLanes.Chains * TLanes.Width;
        for (ulong done = 0; done < count; done += (uint)batchWidth)
        {
            untilCheck -= batchWidth;
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
            var w7Z = TLanes.Add(TLanes.Broadcast(firstLow + (uint)done + 2 * width), lanes);
            Words(ref slots, 22, w7X, w7Y, w7Z);
            Words(ref slots, 23, w7X, w7Y, w7Z);

            // Round 7 only adds W7 to two constants; then the shifted round-6 variables follow.
            TVec aX = TLanes.Add(round7A, w7X), bX = a6, cX = b6, dX = c6, eX = TLanes.Add(round7E, w7X), fX = e6, gX = f6, hX = g6;
            TVec aY = TLanes.Add(round7A, w7Y), bY = a6, cY = b6, dY = c6, eY = TLanes.Add(round7E, w7Y), fY = e6, gY = f6, hY = g6;
            TVec aZ = TLanes.Add(round7A, w7Z), bZ = a6, cZ = b6, dZ = c6, eZ = TLanes.Add(round7E, w7Z), fZ = e6, gZ = f6, hZ = g6;
            ref var s = ref Unsafe.Add(ref slots, 8);
            for (var i = 8; i < 64; i += 8)
            {
                // The words of the next eight rounds, computed among this group's rounds so that
                // the rotate-heavy schedule shares the vector pipes with the add-heavy rounds.
                for (var j = Math.Max(i + 8, 24); j < Math.Min(i + 16, 64); j++)
                {
                    Words(ref slots, j, w7X, w7Y, w7Z);
                }

                // Eight rounds, renaming instead of moving: round r's (a..h) is round r+1's (h, a..g).
                Rounds(ref aX, ref bX, ref cX, ref dX, ref eX, ref fX, ref gX, ref hX, ref aY, ref bY, ref cY, ref dY, ref eY, ref fY, ref gY, ref hY, ref aZ, ref bZ, ref cZ, ref dZ, ref eZ, ref fZ, ref gZ, ref hZ, ref s);
                s = ref Unsafe.Add(ref s, 1);
                Rounds(ref hX, ref aX, ref bX, ref cX, ref dX, ref eX, ref fX, ref gX, ref hY, ref aY, ref bY, ref cY, ref dY, ref eY, ref fY, ref gY, ref hZ, ref aZ, ref bZ, ref cZ, ref dZ, ref eZ, ref fZ, ref gZ, ref s);
                s = ref Unsafe.Add(ref s, 1);
                Rounds(ref gX, ref hX, ref aX, ref bX, ref cX, ref dX, ref eX, ref fX, ref gY, ref hY, ref aY, ref bY, ref cY, ref dY, ref eY, ref fY, ref gZ, ref hZ, ref aZ, ref bZ, ref cZ, ref dZ, ref eZ, ref fZ, ref s);
                s = ref Unsafe.Add(ref s, 1);
                Rounds(ref fX, ref gX, ref hX, ref aX, ref bX, ref cX, ref dX, ref eX, ref fY, ref gY, ref hY, ref aY, ref bY, ref cY, ref dY, ref eY, ref fZ, ref gZ, ref hZ, ref aZ, ref bZ, ref cZ, ref dZ, ref eZ, ref s);
                s = ref Unsafe.Add(ref s, 1);
                Rounds(ref eX, ref fX, ref gX, ref hX, ref aX, ref bX, ref cX, ref dX, ref eY, ref fY, ref gY, ref hY, ref aY, ref bY, ref cY, ref dY, ref eZ, ref fZ, ref gZ, ref hZ, ref aZ, ref bZ, ref cZ, ref dZ, ref s);
                s = ref Unsafe.Add(ref s, 1);
                Rounds(ref dX, ref eX, ref fX, ref gX, ref hX, ref aX, ref bX, ref cX, ref dY, ref eY, ref fY, ref gY, ref hY, ref aY, ref bY, ref cY, ref dZ, ref eZ, ref fZ, ref gZ, ref hZ, ref aZ, ref bZ, ref cZ, ref s);
                s = ref Unsafe.Add(ref s, 1);
                Rounds(ref cX, ref dX, ref eX, ref fX, ref gX, ref hX, ref aX, ref bX, ref cY, ref dY, ref eY, ref fY, ref gY, ref hY, ref aY, ref bY, ref cZ, ref dZ, ref eZ, ref fZ, ref gZ, ref hZ, ref aZ, ref bZ, ref s);
                s = ref Unsafe.Add(ref s, 1);
                Rounds(ref bX, ref cX, ref dX, ref eX, ref fX, ref gX, ref hX, ref aX, ref bY, ref cY, ref dY, ref eY, ref fY, ref gY, ref hY, ref aY, ref bZ, ref cZ, ref dZ, ref eZ, ref fZ, ref gZ, ref hZ, ref aZ, ref s);
                s = ref Unsafe.Add(ref s, 1);
            }

            ulong hits = TLanes.AtMost(TLanes.Add(aX, midstate0), target0);
            if (TLanes.Chains > 1) hits |= (ulong)TLanes.AtMost(TLanes.Add(aY, midstate0), target0) << TLanes.Width;
            if (TLanes.Chains > 2) hits |= (ulong)TLanes.AtMost(TLanes.Add(aZ, midstate0), target0) << (2 * TLanes.Width);
            if (hits != 0)
            {
                Verify(plan, firstLow + (uint)done, hits, count - done, found);
            }
        }

        return count;
    }

    /// <summary>Bytes from <paramref name="start"/> to the next multiple of 64.</summary>
    private static unsafe int AlignmentPadding(ref byte start) => (int)(-(nint)Unsafe.AsPointer(ref start) & 63);

    /// <summary>One round of each chain (chains beyond <c>TLanes.Chains</c> are compiled away).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rounds(
        ref TVec aX, ref TVec bX, ref TVec cX, ref TVec dX, ref TVec eX, ref TVec fX, ref TVec gX, ref TVec hX,
        ref TVec aY, ref TVec bY, ref TVec cY, ref TVec dY, ref TVec eY, ref TVec fY, ref TVec gY, ref TVec hY,
        ref TVec aZ, ref TVec bZ, ref TVec cZ, ref TVec dZ, ref TVec eZ, ref TVec fZ, ref TVec gZ, ref TVec hZ,
        ref ScheduleSlot<TVec> s)
    {
        Round(aX, bX, cX, ref dX, eX, fX, gX, ref hX, s.KW0);
        if (TLanes.Chains > 1) Round(aY, bY, cY, ref dY, eY, fY, gY, ref hY, s.KW1);
        if (TLanes.Chains > 2) Round(aZ, bZ, cZ, ref dZ, eZ, fZ, gZ, ref hZ, s.KW2);
    }

    /// <summary>One SHA-256 round, written in place: d becomes the new e and h the new a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Round(TVec a, TVec b, TVec c, ref TVec d, TVec e, TVec f, TVec g, ref TVec h, TVec kw)
    {
        var t1 = TLanes.Add(TLanes.Add(TLanes.Add(h, kw), TLanes.BigSigma1(e)), TLanes.Choose(e, f, g));
        d = TLanes.Add(d, t1);
        h = TLanes.Add(TLanes.Add(t1, TLanes.BigSigma0(a)), TLanes.Majority(a, b, c));
    }

    /// <summary>Schedule word W[i] (22 ≤ i &lt; 64) of each chain, with K[i] + W[i] beside it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Words(ref ScheduleSlot<TVec> slots, int i, TVec w7X, TVec w7Y, TVec w7Z)
    {
        ref var s = ref Unsafe.Add(ref slots, i);
        Word(ref s, i, 0, w7X);
        if (TLanes.Chains > 1) Word(ref s, i, 1, w7Y);
        if (TLanes.Chains > 2) Word(ref s, i, 2, w7Z);
    }

    /// <summary>
    /// W[i] of chain <paramref name="chain"/>: σ1(W[i−2]) + W[i−7] + σ0(W[i−15]) + W[i−16]. Up to
    /// W37 some of those terms are fixed for the plan and were summed into the constant kept in
    /// slot i − 22 (<see cref="SecondBlockPlan.ScheduleConstants"/>); only the terms that depend
    /// on W7 are computed here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Word(ref ScheduleSlot<TVec> s, int i, int chain, TVec w7)
    {
        var constant = Unsafe.Subtract(ref s, FirstVariable).W0;
        TVec w;
        if (i >= FirstFull)
        {
            w = TLanes.Add(
                TLanes.Add(TLanes.SmallSigma1(W(ref s, 2, chain)), W(ref s, 7, chain)),
                TLanes.Add(TLanes.SmallSigma0(W(ref s, 15, chain)), W(ref s, 16, chain)));
        }
        else if (i >= 29)
        {
            w = TLanes.Add(TLanes.Add(TLanes.SmallSigma1(W(ref s, 2, chain)), W(ref s, 7, chain)), constant);
            if (i == 37)
            {
                w = TLanes.Add(w, TLanes.SmallSigma0(W(ref s, 15, chain)));
            }
        }
        else if (i >= 24)
        {
            w = TLanes.Add(TLanes.SmallSigma1(W(ref s, 2, chain)), constant);
        }
        else
        {
            w = TLanes.Add(constant, i == 23 ? w7 : TLanes.SmallSigma0(w7));
        }

        Unsafe.Add(ref s.W0, chain) = w;
        Unsafe.Add(ref s.KW0, chain) = TLanes.Add(w, s.K);
    }

    /// <summary>W[i − back] of <paramref name="chain"/>, where <paramref name="s"/> is slot i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec W(ref ScheduleSlot<TVec> s, int back, int chain) => Unsafe.Add(ref Unsafe.Subtract(ref s, back).W0, chain);

    /// <summary>Hashes the screened lanes in full and keeps those within the range that meet the whole target.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Verify(SecondBlockPlan plan, uint firstLow, ulong hits, ulong remaining, FoundNonces found)
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
