using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Gpu;

/// <summary>
/// The words of one <see cref="SecondBlockPlan"/> that <see cref="Sha256Kernel"/> reads, passed to
/// each launch by value. A kernel parameter lives in the GPU's constant bank, which the
/// instructions read as operands directly, so no thread loads a plan word from memory per nonce.
/// Named fields rather than an array: the kernel is fully unrolled and every index is a constant.
/// </summary>
public struct KernelConstants
{
    // Round 7 adds the low nonce word to these two; the other six variables are round 6's, shifted.
    public uint Round7A, Round7E, A6, B6, C6, E6, F6, G6;

    /// <summary>K[i] + W[i] for rounds 8..21, whose message words no low nonce word changes.</summary>
    public uint KW8, KW9, KW10, KW11, KW12, KW13, KW14, KW15, KW16, KW17, KW18, KW19, KW20, KW21;

    /// <summary>The fixed part of schedule words W22..W37 (<see cref="SecondBlockPlan.ScheduleConstants"/>).</summary>
    public uint C22, C23, C24, C25, C26, C27, C28, C29, C30, C31, C32, C33, C34, C35, C36, C37;

    /// <summary>The round constants K[22..63].</summary>
    public uint K22, K23, K24, K25, K26, K27, K28, K29, K30, K31, K32, K33, K34, K35, K36, K37, K38, K39, K40, K41, K42, K43, K44, K45, K46, K47, K48, K49, K50, K51, K52, K53, K54, K55, K56, K57, K58, K59, K60, K61, K62, K63;

    public uint Midstate0, Midstate1, Midstate2, Midstate3, Midstate4, Midstate5, Midstate6, Midstate7;

    /// <summary>The target's words, most significant first.</summary>
    public uint Target0, Target1, Target2, Target3, Target4, Target5, Target6, Target7;

    public static KernelConstants From(SecondBlockPlan plan)
    {
        var k = Hashing.Sha256.K;
        const int s = SecondBlockPlan.Round6State;
        const int fixedInputs = SecondBlockPlan.FixedRoundInputs - 8;
        const int constants = SecondBlockPlan.ScheduleConstants - SecondBlockPlan.FirstVariableScheduleWord;
        return new KernelConstants
        {
            Round7A = plan[SecondBlockPlan.Round7A],
            Round7E = plan[SecondBlockPlan.Round7E],
            A6 = plan[s + 0], B6 = plan[s + 1], C6 = plan[s + 2], E6 = plan[s + 4], F6 = plan[s + 5], G6 = plan[s + 6],
            KW8 = plan[fixedInputs + 8],
            KW9 = plan[fixedInputs + 9],
            KW10 = plan[fixedInputs + 10],
            KW11 = plan[fixedInputs + 11],
            KW12 = plan[fixedInputs + 12],
            KW13 = plan[fixedInputs + 13],
            KW14 = plan[fixedInputs + 14],
            KW15 = plan[fixedInputs + 15],
            KW16 = plan[fixedInputs + 16],
            KW17 = plan[fixedInputs + 17],
            KW18 = plan[fixedInputs + 18],
            KW19 = plan[fixedInputs + 19],
            KW20 = plan[fixedInputs + 20],
            KW21 = plan[fixedInputs + 21],
            C22 = plan[constants + 22],
            C23 = plan[constants + 23],
            C24 = plan[constants + 24],
            C25 = plan[constants + 25],
            C26 = plan[constants + 26],
            C27 = plan[constants + 27],
            C28 = plan[constants + 28],
            C29 = plan[constants + 29],
            C30 = plan[constants + 30],
            C31 = plan[constants + 31],
            C32 = plan[constants + 32],
            C33 = plan[constants + 33],
            C34 = plan[constants + 34],
            C35 = plan[constants + 35],
            C36 = plan[constants + 36],
            C37 = plan[constants + 37],
            K22 = k[22],
            K23 = k[23],
            K24 = k[24],
            K25 = k[25],
            K26 = k[26],
            K27 = k[27],
            K28 = k[28],
            K29 = k[29],
            K30 = k[30],
            K31 = k[31],
            K32 = k[32],
            K33 = k[33],
            K34 = k[34],
            K35 = k[35],
            K36 = k[36],
            K37 = k[37],
            K38 = k[38],
            K39 = k[39],
            K40 = k[40],
            K41 = k[41],
            K42 = k[42],
            K43 = k[43],
            K44 = k[44],
            K45 = k[45],
            K46 = k[46],
            K47 = k[47],
            K48 = k[48],
            K49 = k[49],
            K50 = k[50],
            K51 = k[51],
            K52 = k[52],
            K53 = k[53],
            K54 = k[54],
            K55 = k[55],
            K56 = k[56],
            K57 = k[57],
            K58 = k[58],
            K59 = k[59],
            K60 = k[60],
            K61 = k[61],
            K62 = k[62],
            K63 = k[63],
            Midstate0 = plan[SecondBlockPlan.Midstate + 0],
            Midstate1 = plan[SecondBlockPlan.Midstate + 1],
            Midstate2 = plan[SecondBlockPlan.Midstate + 2],
            Midstate3 = plan[SecondBlockPlan.Midstate + 3],
            Midstate4 = plan[SecondBlockPlan.Midstate + 4],
            Midstate5 = plan[SecondBlockPlan.Midstate + 5],
            Midstate6 = plan[SecondBlockPlan.Midstate + 6],
            Midstate7 = plan[SecondBlockPlan.Midstate + 7],
            Target0 = plan[SecondBlockPlan.Target + 0],
            Target1 = plan[SecondBlockPlan.Target + 1],
            Target2 = plan[SecondBlockPlan.Target + 2],
            Target3 = plan[SecondBlockPlan.Target + 3],
            Target4 = plan[SecondBlockPlan.Target + 4],
            Target5 = plan[SecondBlockPlan.Target + 5],
            Target6 = plan[SecondBlockPlan.Target + 6],
            Target7 = plan[SecondBlockPlan.Target + 7],
        };
    }
}
