namespace Beamchain.WatAssembler;

/// <summary>
/// One instruction of the subset this assembler knows: its encoding (one opcode byte, or the
/// 0xFD SIMD prefix and a LEB128 opcode), its immediate, and for memory access the natural
/// alignment (log2 of the access size).
/// </summary>
public sealed record Instruction(string Name, byte Prefix, uint Opcode, Immediate Immediate, int NaturalAlignment = 0)
{
    public const byte NoPrefix = 0;
    public const byte SimdPrefix = 0xfd;

    public void WriteOpcode(WasmWriter writer)
    {
        if (Prefix == NoPrefix)
        {
            writer.Byte((byte)Opcode);
        }
        else
        {
            writer.Byte(Prefix);
            writer.Unsigned(Opcode);
        }
    }
}
