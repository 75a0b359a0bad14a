namespace Beamchain.WatAssembler;

/// <summary>What follows an instruction's opcode in the binary.</summary>
public enum Immediate
{
    None,

    /// <summary>A local's index or <c>$name</c>.</summary>
    Local,

    /// <summary>A branch target: an enclosing block's <c>$label</c> or depth.</summary>
    Label,

    /// <summary>A function's index or <c>$name</c>.</summary>
    Function,

    /// <summary>An i32 constant (signed LEB128; hex above 2^31 is taken as its 32-bit pattern).</summary>
    I32,

    /// <summary>Alignment and offset (<c>offset=N align=N</c>, both optional).</summary>
    Memory,

    /// <summary>A lane index, one byte.</summary>
    Lane,

    /// <summary>A 128-bit constant: <c>i32x4 a b c d</c>.</summary>
    V128,

    /// <summary>block, loop and if: an optional <c>$label</c> and <c>(result t)</c>.</summary>
    Block,
}
