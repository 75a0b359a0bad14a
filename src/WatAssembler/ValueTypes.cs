namespace Beamchain.WatAssembler;

/// <summary>Value type names and their binary codes.</summary>
public static class ValueTypes
{
    public static byte Code(SExpression atom) => atom.Atom switch
    {
        "i32" => 0x7f,
        "i64" => 0x7e,
        "f32" => 0x7d,
        "f64" => 0x7c,
        "v128" => 0x7b,
        _ => throw atom.Error($"unknown value type '{atom}' (expected i32, i64, f32, f64 or v128)"),
    };
}
