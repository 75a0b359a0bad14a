using System.Globalization;

namespace Beamchain.WatAssembler;

/// <summary>Integer literals as WebAssembly text writes them: decimal or 0x hex, optional sign and underscores.</summary>
public static class WatNumbers
{
    /// <summary>
    /// A 32-bit integer given signed (−2^31..2^31−1) or unsigned (0..2^32−1), as its signed
    /// value: the binary format stores i32 constants as signed LEB128 of the bit pattern.
    /// </summary>
    public static int I32(SExpression atom)
    {
        var value = Parse(atom);
        if (value < int.MinValue || value > uint.MaxValue)
        {
            throw atom.Error($"'{atom}' does not fit in 32 bits");
        }

        return unchecked((int)(uint)(value & 0xffff_ffff));
    }

    public static uint Unsigned(SExpression atom, uint max)
    {
        var value = Parse(atom);
        if (value < 0 || value > max)
        {
            throw atom.Error($"'{atom}' is out of range 0..{max}");
        }

        return (uint)value;
    }

    private static long Parse(SExpression atom)
    {
        var text = atom.Atom?.Replace("_", "") ?? throw atom.Error("expected a number, found a list");
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('-', '+');
        var ok = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok || digits.Length == 0)
        {
            throw atom.Error($"'{atom}' is not an integer");
        }

        return negative ? -value : value;
    }
}
