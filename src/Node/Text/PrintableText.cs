using System.Globalization;
using System.Text;

namespace Beamchain.Node.Text;

/// <summary>
/// Text from users and peers made safe to print on a terminal: control characters (ESC, NUL,
/// CR, DEL, C1), bidirectional overrides and bytes that were not UTF-8 are shown as escapes
/// (<c>\x1b</c>, <c>\u202e</c>), so no input can move the cursor, recolour or rewrite a line;
/// and long input is cut when it is echoed.
/// </summary>
public static class PrintableText
{
    /// <summary>How much of a line of input is echoed back (in errors and confirmations).</summary>
    public const int EchoLength = 200;

    /// <summary>Where an invalid UTF-8 byte b lands when input is read by <see cref="Utf8LineReader"/>: U+DC00 + b.</summary>
    public const char InvalidByteBase = '\uDC00';

    /// <summary><paramref name="text"/> with every unsafe character escaped; newlines and tabs kept when <paramref name="keepLines"/>.</summary>
    public static string Escape(string text, bool keepLines = false)
    {
        var unsafeAt = IndexOfUnsafe(text, keepLines);
        if (unsafeAt < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, unsafeAt);
        for (var i = unsafeAt; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (IsUnsafe(c, keepLines))
            {
                AppendEscape(escaped, c);
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>Escaped, and cut to <paramref name="length"/> characters with a note of how long it was.</summary>
    public static string Echo(string text, int length = EchoLength)
    {
        if (text.Length <= length)
        {
            return Escape(text);
        }

        var keep = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return $"{Escape(text[..keep])}… ({text.Length.ToString(CultureInfo.InvariantCulture)} characters)";
    }

    /// <summary>The first byte of <paramref name="text"/> that was not UTF-8 when it was read, and where; false when there is none.</summary>
    public static bool TryFindInvalidByte(string text, out byte value, out int index)
    {
        for (index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(c))
            {
                value = IsInvalidByte(c) ? (byte)(c - InvalidByteBase) : (byte)0;
                return true;
            }
        }

        value = 0;
        return false;
    }

    private static int IndexOfUnsafe(string text, bool keepLines)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c, keepLines))
            {
                return i;
            }
        }

        return -1;
    }

    // Reached only for characters that are not half of a valid pair.
    private static bool IsUnsafe(char c, bool keepLines) =>
        (c < ' ' && !(keepLines && c is '\n' or '\t'))
        || c is >= '\u007f' and <= '\u009f'
        || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069'
        || char.IsSurrogate(c);

    private static bool IsInvalidByte(char c) => c is >= '\uDC80' and <= '\uDCFF';

    private static void AppendEscape(StringBuilder escaped, char c)
    {
        if (IsInvalidByte(c))
        {
            escaped.Append("\\x").Append(((int)(c - InvalidByteBase)).ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (c <= '\u00ff')
        {
            escaped.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
        }
        else
        {
            escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
    }
}
