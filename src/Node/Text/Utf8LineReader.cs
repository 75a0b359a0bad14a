using System.Buffers;
using System.Text;

namespace Beamchain.Node.Text;

/// <summary>
/// Reads lines of UTF-8 from a stream (piped standard input), keeping each byte that is not
/// valid UTF-8 as a lone surrogate, U+DC00 + the byte (Python's surrogateescape), instead of
/// replacing it with U+FFFD: valid UTF-8 never yields one, so the shell can tell what was sent
/// and refuse it (<see cref="PrintableText.TryFindInvalidByte"/>) rather than store a character
/// the user never typed. A line over <see cref="MaxLineBytes"/> is cut there (the rest is read
/// and dropped), so no input line can take the node's memory.
/// </summary>
public sealed class Utf8LineReader(Stream input) : TextReader
{
    public const int MaxLineBytes = 1 << 20;

    private readonly BufferedStream _input = new(input);
    private string _rest = "";
    private int _restAt;

    public override string? ReadLine()
    {
        if (_restAt < _rest.Length)
        {
            var remainder = _rest[_restAt..].TrimEnd('\n');
            (_rest, _restAt) = ("", 0);
            return remainder;
        }

        var line = new ArrayBufferWriter<byte>();
        int next;
        while ((next = _input.ReadByte()) >= 0 && next != '\n')
        {
            if (line.WrittenCount < MaxLineBytes)
            {
                line.Write([(byte)next]);
            }
        }

        if (next < 0 && line.WrittenCount == 0)
        {
            return null;
        }

        var bytes = line.WrittenSpan;
        return Decode(bytes.EndsWith("\r"u8) ? bytes[..^1] : bytes);
    }

    public override int Read()
    {
        var c = Peek();
        _restAt += c < 0 ? 0 : 1;
        return c;
    }

    public override int Peek()
    {
        if (_restAt >= _rest.Length)
        {
            var line = ReadLine();
            if (line is null)
            {
                return -1;
            }

            (_rest, _restAt) = (line + "\n", 0);
        }

        return _rest[_restAt];
    }

    /// <summary>UTF-8 to text, each invalid byte kept as U+DC00 + the byte.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        Span<char> pair = stackalloc char[2];
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == OperationStatus.Done)
            {
                text.Append(pair[..rune.EncodeToUtf16(pair)]);
            }
            else
            {
                foreach (var b in bytes[..consumed])
                {
                    text.Append((char)(PrintableText.InvalidByteBase + b));
                }
            }

            bytes = bytes[consumed..];
        }

        return text.ToString();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
        }

        base.Dispose(disposing);
    }
}
