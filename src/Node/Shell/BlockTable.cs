using System.Globalization;
using System.Text;
using Beamchain.Node.Chain;

namespace Beamchain.Node.Shell;

/// <summary>
/// Blocks as a table for people: height, time (UTC), short hash, difficulty in leading zero
/// bits, nonce, and the data on one line, cut to fit <c>width</c> columns.
/// </summary>
public static class BlockTable
{
    public const int DefaultWidth = 100;

    /// <summary>Hex digits of the hash shown: enough to see the leading zeros and tell blocks apart.</summary>
    public const int ShortHashLength = 16;

    private const int MinDataWidth = 8;
    private const string Gap = "  ";
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    public static void Write(TextWriter output, IReadOnlyList<Block> blocks, int width = DefaultWidth)
    {
        var heightWidth = Math.Max("height".Length, blocks.Count == 0 ? 0 : blocks.Max(b => Digits(b.Height)));
        var nonceWidth = Math.Max("nonce".Length, blocks.Count == 0 ? 0 : blocks.Max(b => Digits(b.Header.Nonce)));
        var fixedWidth = heightWidth + TimeFormat.Length + ShortHashLength + "bits".Length + nonceWidth + (5 * Gap.Length);
        var dataWidth = Math.Max(MinDataWidth, width - fixedWidth);

        output.WriteLine(Row("height".PadLeft(heightWidth), "time (UTC)".PadRight(TimeFormat.Length), "hash".PadRight(ShortHashLength), "bits", "nonce".PadLeft(nonceWidth), "data"));
        foreach (var block in blocks)
        {
            var time = DateTimeOffset.FromUnixTimeMilliseconds(block.TimestampMs).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
            output.WriteLine(Row(
                block.Height.ToString(CultureInfo.InvariantCulture).PadLeft(heightWidth),
                time,
                block.Hash.ToHex()[..ShortHashLength],
                block.DifficultyBits.ToString("F1", CultureInfo.InvariantCulture).PadLeft("bits".Length),
                block.Header.Nonce.ToString(CultureInfo.InvariantCulture).PadLeft(nonceWidth),
                Fit(block.Data, dataWidth)));
        }
    }

    /// <summary>Data on one line of at most <paramref name="width"/> characters: control characters shown as escapes, the rest cut with an ellipsis.</summary>
    public static string Fit(string data, int width)
    {
        var line = new StringBuilder(Math.Min(data.Length, width + 1));
        foreach (var c in data)
        {
            if (line.Length > width)
            {
                break;
            }

            line.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "?",
                _ => c.ToString(),
            });
        }

        if (line.Length <= width)
        {
            return line.ToString();
        }

        var keep = width - 1;
        if (keep > 0 && char.IsHighSurrogate(line[keep - 1]))
        {
            keep--;
        }

        return line.ToString(0, keep) + "…";
    }

    private static string Row(params string[] cells) => string.Join(Gap, cells).TrimEnd();

    private static int Digits(ulong value) => value.ToString(CultureInfo.InvariantCulture).Length;
}
