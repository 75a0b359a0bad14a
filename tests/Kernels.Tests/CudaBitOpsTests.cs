using System.Globalization;
using System.Text.RegularExpressions;
using Beamchain.Kernels.Gpu;
using ILGPU.Runtime;

namespace Beamchain.Kernels.Tests;

/// <summary>
/// <see cref="CudaBitOps"/> runs only on a CUDA device, so its instruction texts are checked here
/// by executing them in a software model of the two PTX instructions (as the PTX ISA defines
/// them) and comparing with <see cref="PortableBitOps"/>, which the CPU accelerator tests prove.
/// </summary>
public partial class CudaBitOpsTests
{
    private static readonly PortableBitOps Portable = default;

    [Fact]
    public void Choose_majority_and_xor3_lop3_tables_match_the_portable_functions_on_every_input_combination()
    {
        for (var bits = 0; bits < 8; bits++)
        {
            // Every bit of x, y, z takes the combination's value: all ones or all zeros.
            uint x = (bits & 4) != 0 ? ~0u : 0, y = (bits & 2) != 0 ? ~0u : 0, z = (bits & 1) != 0 ? ~0u : 0;
            AssertLop3MatchesPortable(x, y, z);
        }
    }

    [Fact]
    public void The_lop3_instructions_match_the_portable_functions_on_random_words()
    {
        var random = new Random(6);
        for (var i = 0; i < 1000; i++)
        {
            uint x = (uint)random.NextInt64(), y = (uint)random.NextInt64(), z = (uint)random.NextInt64();
            AssertLop3MatchesPortable(x, y, z);
        }
    }

    [Fact]
    public void The_funnel_shift_rotates_right_by_every_amount_SHA_256_uses()
    {
        var random = new Random(7);
        foreach (var n in new[] { 2, 6, 7, 11, 13, 17, 18, 19, 22, 25 })
        {
            for (var i = 0; i < 100; i++)
            {
                var x = (uint)random.NextInt64();
                Assert.Equal(Portable.RotateRight(x, n), Run(CudaBitOps.RotateRightPtx, x, (uint)n));
                Assert.Equal(uint.RotateRight(x, n), Run(CudaBitOps.RotateRightPtx, x, (uint)n));
            }
        }
    }

    [Fact]
    public void The_lop3_model_is_the_truth_table_of_its_immediate()
    {
        // The model itself, against the PTX ISA's definition: 0xF0 is a, 0xCC is b, 0xAA is c.
        Assert.Equal(0xF0u, Lop3(0xF0, 0xCC, 0xAA, 0xF0));
        Assert.Equal(0xCCu, Lop3(0xF0, 0xCC, 0xAA, 0xCC));
        Assert.Equal(0xAAu, Lop3(0xF0, 0xCC, 0xAA, 0xAA));
        Assert.Equal(0x80u, Lop3(0xF0, 0xCC, 0xAA, 0x80));
    }

    [Theory]
    [InlineData(AcceleratorType.Cuda, typeof(CudaBitOps))]
    [InlineData(AcceleratorType.OpenCL, typeof(PortableBitOps))]
    [InlineData(AcceleratorType.CPU, typeof(PortableBitOps))]
    public void Only_CUDA_accelerators_get_the_inline_PTX_variant(AcceleratorType accelerator, Type expected)
    {
        Assert.Equal(expected, IlgpuSearcher.BitOpsFor(accelerator));
    }

    [Fact]
    public void The_CPU_accelerator_runs_the_portable_variant()
    {
        using var searcher = IlgpuSearcher.OpenCpuAccelerator();
        Assert.Equal(typeof(PortableBitOps), searcher.BitOps);
    }

    private static void AssertLop3MatchesPortable(uint x, uint y, uint z)
    {
        Assert.Equal(Portable.Choose(x, y, z), Run(CudaBitOps.ChoosePtx, x, y, z));
        Assert.Equal(Portable.Majority(x, y, z), Run(CudaBitOps.MajorityPtx, x, y, z));
        Assert.Equal(Portable.Xor3(x, y, z), Run(CudaBitOps.Xor3Ptx, x, y, z));
    }

    /// <summary>Executes one instruction text as CudaAsm.Emit would bind it: %0 the output, %1.. the inputs.</summary>
    private static uint Run(string instruction, params uint[] inputs)
    {
        var lop3 = Lop3Instruction().Match(instruction);
        if (lop3.Success)
        {
            var table = byte.Parse(lop3.Groups["table"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return Lop3(Operand(lop3, "a", inputs), Operand(lop3, "b", inputs), Operand(lop3, "c", inputs), table);
        }

        var shf = FunnelShiftInstruction().Match(instruction);
        Assert.True(shf.Success, $"no model for '{instruction}'");
        return FunnelShiftRightWrap(Operand(shf, "a", inputs), Operand(shf, "b", inputs), Operand(shf, "c", inputs));
    }

    private static uint Operand(Match match, string name, uint[] inputs) => inputs[int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) - 1];

    /// <summary>lop3.b32 d, a, b, c, immLut: bit i of d is bit (a_i·4 + b_i·2 + c_i) of immLut.</summary>
    private static uint Lop3(uint a, uint b, uint c, byte table)
    {
        uint d = 0;
        for (var i = 0; i < 32; i++)
        {
            var index = (int)((((a >> i) & 1) << 2) | (((b >> i) & 1) << 1) | ((c >> i) & 1));
            d |= (uint)((table >> index) & 1) << i;
        }

        return d;
    }

    /// <summary>shf.r.wrap.b32 d, a, b, c: the low word of the 64-bit b:a shifted right by c mod 32.</summary>
    private static uint FunnelShiftRightWrap(uint a, uint b, uint c) => (uint)((((ulong)b << 32) | a) >> (int)(c & 31));

    [GeneratedRegex(@"^lop3\.b32 %0, %(?<a>\d), %(?<b>\d), %(?<c>\d), 0x(?<table>[0-9A-Fa-f]{2});$")]
    private static partial Regex Lop3Instruction();

    [GeneratedRegex(@"^shf\.r\.wrap\.b32 %0, %(?<a>\d), %(?<b>\d), %(?<c>\d);$")]
    private static partial Regex FunnelShiftInstruction();
}
