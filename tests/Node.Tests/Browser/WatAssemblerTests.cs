using Beamchain.WatAssembler;

namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// The assembler that turns the browser kernel's WebAssembly text into its binary during the
/// build. Expected bytes were produced by WABT's wat2wasm (wabt 1.0.x, SIMD enabled) from the
/// same text, so the two assemblers agree byte for byte.
/// </summary>
public sealed class WatAssemblerTests
{
    private const string Sample = """
        (module
          (memory (export "memory") 1)
          (func $add (export "add") (param $a i32) (param $b i32) (result i32)
            (i32.add (local.get $a) (local.get $b)))
          (func (export "lanes") (param $x i32) (result i32)
            (local $v v128)
            (local.set $v (i32x4.add (i32x4.splat (local.get $x)) (v128.const i32x4 0 1 2 0xffffffff)))
            (block $out
              (loop $again
                (br_if $out (i32.eqz (local.get $x)))
                (local.set $x (i32.sub (local.get $x) (i32.const 1)))
                (br $again)))
            (if (result i32) (v128.any_true (local.get $v))
              (then (i32x4.extract_lane 3 (local.get $v)))
              (else (call $add (i32.const -5) (i32.load offset=8 align=2 (i32.const 0)))))))
        """;

    private const string WabtOutput =
        "0061736d01000000010c0260027f7f017f60017f017f03030200010503010001071803066d656d6f72790200036164640000056c616e6573" +
        "00010a53020700200020016a0b4901017b2000fd11fd0c000000000100000002000000fffffffffdae012101024003402000450d0120004101" +
        "6b21000c000b0b2001fd53047f2001fd1b0305417b410028010810000b0b";

    [Fact]
    public void A_module_with_simd_blocks_branches_and_calls_assembles_to_the_same_bytes_as_wabt() =>
        Assert.Equal(WabtOutput, Convert.ToHexString(ModuleAssembler.Assemble(Sample)).ToLowerInvariant());

    [Fact]
    public void Flat_and_folded_instructions_give_the_same_code()
    {
        var folded = ModuleAssembler.Assemble("(module (func (param $a i32) (result i32) (i32.add (local.get $a) (i32.const 300))))");
        var flat = ModuleAssembler.Assemble("(module (func (param $a i32) (result i32) local.get $a i32.const 300 i32.add))");
        Assert.Equal(folded, flat);
    }

    [Theory]
    [InlineData(624485UL, "e58e26")]
    [InlineData(0UL, "00")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    public void Unsigned_leb128(ulong value, string hex)
    {
        var writer = new WasmWriter();
        writer.Unsigned(value);
        Assert.Equal(hex, Convert.ToHexString(writer.ToArray()).ToLowerInvariant());
    }

    [Theory]
    [InlineData(-123456L, "c0bb78")]
    [InlineData(-1L, "7f")]
    [InlineData(63L, "3f")]
    [InlineData(64L, "c000")]
    public void Signed_leb128(long value, string hex)
    {
        var writer = new WasmWriter();
        writer.Signed(value);
        Assert.Equal(hex, Convert.ToHexString(writer.ToArray()).ToLowerInvariant());
    }

    [Theory]
    [InlineData("(module\n  (func\n    (i32.frobnicate)))", 3, 6, "unknown instruction 'i32.frobnicate'")]
    [InlineData("(module (func (local.get $nope)))", 1, 26, "unknown local $nope")]
    [InlineData("(module (func (br $nowhere)))", 1, 19, "no enclosing block is labelled $nowhere")]
    [InlineData("(module (func (i32.const 4294967296)))", 1, 26, "does not fit in 32 bits")]
    [InlineData("(module (func)", 1, 1, "'(' is never closed")]
    public void Errors_name_the_line_and_column(string text, int line, int column, string message)
    {
        var error = Assert.Throws<WatException>(() => ModuleAssembler.Assemble(text));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.Message);
    }
}
