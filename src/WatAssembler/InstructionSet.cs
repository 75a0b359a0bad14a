namespace Beamchain.WatAssembler;

/// <summary>
/// The instructions the assembler knows, with their opcodes from the WebAssembly core
/// specification (section 5.4) and its fixed-width SIMD extension. Anything else is an error
/// naming the instruction, so a kernel never silently needs more than this table.
/// </summary>
public static class InstructionSet
{
    private static readonly Dictionary<string, Instruction> ByName = Build().ToDictionary(i => i.Name);

    public static bool TryGet(string name, out Instruction instruction) => ByName.TryGetValue(name, out instruction!);

    private static IEnumerable<Instruction> Build()
    {
        const byte core = Instruction.NoPrefix;
        const byte simd = Instruction.SimdPrefix;

        // Control.
        yield return new("unreachable", core, 0x00, Immediate.None);
        yield return new("nop", core, 0x01, Immediate.None);
        yield return new("block", core, 0x02, Immediate.Block);
        yield return new("loop", core, 0x03, Immediate.Block);
        yield return new("if", core, 0x04, Immediate.Block);
        yield return new("else", core, 0x05, Immediate.None);
        yield return new("end", core, 0x0b, Immediate.None);
        yield return new("br", core, 0x0c, Immediate.Label);
        yield return new("br_if", core, 0x0d, Immediate.Label);
        yield return new("return", core, 0x0f, Immediate.None);
        yield return new("call", core, 0x10, Immediate.Function);
        yield return new("drop", core, 0x1a, Immediate.None);
        yield return new("select", core, 0x1b, Immediate.None);

        // Locals.
        yield return new("local.get", core, 0x20, Immediate.Local);
        yield return new("local.set", core, 0x21, Immediate.Local);
        yield return new("local.tee", core, 0x22, Immediate.Local);

        // Memory.
        yield return new("i32.load", core, 0x28, Immediate.Memory, 2);
        yield return new("i32.store", core, 0x36, Immediate.Memory, 2);

        // i32.
        yield return new("i32.const", core, 0x41, Immediate.I32);
        yield return new("i32.eqz", core, 0x45, Immediate.None);
        yield return new("i32.eq", core, 0x46, Immediate.None);
        yield return new("i32.ne", core, 0x47, Immediate.None);
        yield return new("i32.lt_s", core, 0x48, Immediate.None);
        yield return new("i32.lt_u", core, 0x49, Immediate.None);
        yield return new("i32.gt_s", core, 0x4a, Immediate.None);
        yield return new("i32.gt_u", core, 0x4b, Immediate.None);
        yield return new("i32.le_s", core, 0x4c, Immediate.None);
        yield return new("i32.le_u", core, 0x4d, Immediate.None);
        yield return new("i32.ge_s", core, 0x4e, Immediate.None);
        yield return new("i32.ge_u", core, 0x4f, Immediate.None);
        yield return new("i32.add", core, 0x6a, Immediate.None);
        yield return new("i32.sub", core, 0x6b, Immediate.None);
        yield return new("i32.mul", core, 0x6c, Immediate.None);
        yield return new("i32.and", core, 0x71, Immediate.None);
        yield return new("i32.or", core, 0x72, Immediate.None);
        yield return new("i32.xor", core, 0x73, Immediate.None);
        yield return new("i32.shl", core, 0x74, Immediate.None);
        yield return new("i32.shr_s", core, 0x75, Immediate.None);
        yield return new("i32.shr_u", core, 0x76, Immediate.None);
        yield return new("i32.rotl", core, 0x77, Immediate.None);
        yield return new("i32.rotr", core, 0x78, Immediate.None);

        // v128 (SIMD).
        yield return new("v128.load", simd, 0x00, Immediate.Memory, 4);
        yield return new("v128.load32_splat", simd, 0x09, Immediate.Memory, 2);
        yield return new("v128.store", simd, 0x0b, Immediate.Memory, 4);
        yield return new("v128.const", simd, 0x0c, Immediate.V128);
        yield return new("i32x4.splat", simd, 0x11, Immediate.None);
        yield return new("i32x4.extract_lane", simd, 0x1b, Immediate.Lane);
        yield return new("i32x4.eq", simd, 0x37, Immediate.None);
        yield return new("i32x4.ne", simd, 0x38, Immediate.None);
        yield return new("i32x4.lt_u", simd, 0x3a, Immediate.None);
        yield return new("i32x4.gt_u", simd, 0x3c, Immediate.None);
        yield return new("i32x4.le_u", simd, 0x3e, Immediate.None);
        yield return new("i32x4.ge_u", simd, 0x40, Immediate.None);
        yield return new("v128.not", simd, 0x4d, Immediate.None);
        yield return new("v128.and", simd, 0x4e, Immediate.None);
        yield return new("v128.andnot", simd, 0x4f, Immediate.None);
        yield return new("v128.or", simd, 0x50, Immediate.None);
        yield return new("v128.xor", simd, 0x51, Immediate.None);
        yield return new("v128.bitselect", simd, 0x52, Immediate.None);
        yield return new("v128.any_true", simd, 0x53, Immediate.None);
        yield return new("i32x4.all_true", simd, 0xa3, Immediate.None);
        yield return new("i32x4.bitmask", simd, 0xa4, Immediate.None);
        yield return new("i32x4.shl", simd, 0xab, Immediate.None);
        yield return new("i32x4.shr_u", simd, 0xad, Immediate.None);
        yield return new("i32x4.add", simd, 0xae, Immediate.None);
        yield return new("i32x4.sub", simd, 0xb1, Immediate.None);
        yield return new("i32x4.mul", simd, 0xb5, Immediate.None);
    }
}
