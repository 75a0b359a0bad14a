using Beamchain.Kernels.Hashing;

namespace Beamchain.Kernels.Search;

/// <summary>
/// The constant work of the second block for every nonce of one job that shares the high word
/// (message word 6), laid out as one flat word array that the CPU lanes broadcast and the GPU
/// kernel receives as <see cref="Gpu.KernelConstants"/>. With word 6 fixed, rounds 0..6 are
/// done here; round 7 adds the low word (word 7) to two constants; rounds 8..21 use fixed message words; and the
/// schedule words W22..W37 split into a constant part (<see cref="ScheduleConstants"/>) plus
/// terms that depend on the low word. Only W38..W63 need the full schedule formula.
/// </summary>
public sealed class SecondBlockPlan
{
    /// <summary>The midstate, added to the final working variables to give the hash.</summary>
    public const int Midstate = 0;

    /// <summary>Working variables a..h after round 6.</summary>
    public const int Round6State = 8;

    /// <summary>Round 7's new a and new e without the low nonce word (which is added to both).</summary>
    public const int Round7A = 16;
    public const int Round7E = 17;

    /// <summary>K[i] + W[i] for rounds 8..21, whose message words are fixed (index i − 8).</summary>
    public const int FixedRoundInputs = 18;

    /// <summary>
    /// The constant part C[i] of schedule words W22..W37 (index i − 22): the terms of
    /// σ1(W[i−2]) + W[i−7] + σ0(W[i−15]) + W[i−16] whose word index is ≤ 21 and ≠ 7.
    /// </summary>
    public const int ScheduleConstants = 32;

    /// <summary>The target's eight words, most significant first.</summary>
    public const int Target = 48;

    public const int Length = 56;

    /// <summary>The first round whose message word depends on the low nonce word past W7 itself.</summary>
    public const int FirstVariableScheduleWord = 22;

    /// <summary>The first schedule word computed with the full formula (every term varies).</summary>
    public const int FirstFullScheduleWord = 38;

    private readonly uint[] _words = new uint[Length];

    internal SecondBlockPlan(JobMidstate job, uint high)
    {
        Job = job;
        High = high;
        var words = _words.AsSpan();
        job.Midstate.CopyTo(words[Midstate..]);
        job.TargetWords.CopyTo(words[Target..]);

        Span<uint> w = stackalloc uint[64];
        job.BlockWords.CopyTo(w);
        w[6] = high;
        for (var i = 16; i < FirstVariableScheduleWord; i++)
        {
            w[i] = Sha256.ScheduleWord(w, i);
        }

        Span<uint> state = stackalloc uint[8];
        job.Round5State.CopyTo(state);
        Sha256.Rounds(state, w, 6, 6);
        state.CopyTo(words[Round6State..]);

        // Round 7 with W7 = 0: a7 = t1 + t2 and e7 = d + t1, each plus the low word later.
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        var t1 = h + Sha256.BigSigma1(e) + Sha256.Choose(e, f, g) + Sha256.K[7];
        var t2 = Sha256.BigSigma0(a) + Sha256.Majority(a, b, c);
        words[Round7A] = t1 + t2;
        words[Round7E] = d + t1;

        for (var i = 8; i < FirstVariableScheduleWord; i++)
        {
            words[FixedRoundInputs + i - 8] = Sha256.K[i] + w[i];
        }

        for (var i = FirstVariableScheduleWord; i < FirstFullScheduleWord; i++)
        {
            uint constant = 0;
            if (IsFixed(i - 2)) constant += Sha256.SmallSigma1(w[i - 2]);
            if (IsFixed(i - 7)) constant += w[i - 7];
            if (IsFixed(i - 15)) constant += Sha256.SmallSigma0(w[i - 15]);
            if (IsFixed(i - 16)) constant += w[i - 16];
            words[ScheduleConstants + i - FirstVariableScheduleWord] = constant;
        }
    }

    public JobMidstate Job { get; }

    /// <summary>The nonce's high word (header bytes 88..91) that this plan is for.</summary>
    public uint High { get; }

    public ReadOnlySpan<uint> Words => _words;

    public uint this[int index] => _words[index];

    /// <summary>Whether message word <paramref name="index"/> is the same for every low nonce word.</summary>
    private static bool IsFixed(int index) => index != 7 && index < FirstVariableScheduleWord;
}
