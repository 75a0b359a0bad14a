using Beamchain.Node.Text;

namespace Beamchain.Node.Tests.Text;

public class PrintableTextTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("esc\u001b[2Jhere", "esc\\x1b[2Jhere")]
    [InlineData("nul\0bel\a", "nul\\x00bel\\x07")]
    [InlineData("cr\rlf\n", "cr\\x0dlf\\x0a")]
    [InlineData("del\u007f c1\u009b", "del\\x7f c1\\x9b")]
    [InlineData("bidi \u202eabc", "bidi \\u202eabc")]
    [InlineData("emoji \ud83d\ude00 kept", "emoji \ud83d\ude00 kept")]
    public void Escapes_what_could_drive_a_terminal(string text, string shown) =>
        Assert.Equal(shown, PrintableText.Escape(text));

    [Fact]
    public void A_lone_surrogate_is_escaped() =>
        Assert.Equal("lone \\ud83d high", PrintableText.Escape("lone " + (char)0xd83d + " high"));

    [Fact]
    public void Newlines_and_tabs_are_kept_when_asked() =>
        Assert.Equal("a\n\tb\\x1b", PrintableText.Escape("a\n\tb\u001b", keepLines: true));

    [Fact]
    public void A_long_echo_is_cut_and_says_how_long_it_was()
    {
        var echoed = PrintableText.Echo(new string('x', 1_048_576));

        Assert.Equal(new string('x', PrintableText.EchoLength) + "… (1048576 characters)", echoed);
    }

    [Fact]
    public void Invalid_utf8_bytes_read_through_the_fallback_are_found_and_shown_as_bytes()
    {
        var text = new Utf8LineReader(new MemoryStream([(byte)'o', (byte)'k', 0xff, (byte)' ', 0xc3, 0xa9, (byte)'\n'])).ReadLine()!;

        Assert.True(PrintableText.TryFindInvalidByte(text, out var value, out var index));
        Assert.Equal(0xff, value);
        Assert.Equal(2, index);
        Assert.Equal("ok\\xff é", PrintableText.Escape(text));
    }

    [Fact]
    public void Valid_utf8_has_no_invalid_byte() =>
        Assert.False(PrintableText.TryFindInvalidByte(Utf8LineReader.Decode("é \ud83d\ude00"u8), out _, out _));

    [Fact]
    public void Reads_lines_ending_in_lf_or_crlf_and_the_last_without_one()
    {
        var reader = new Utf8LineReader(new MemoryStream("one\r\ntwo\nthree"u8.ToArray()));

        Assert.Equal(["one", "two", "three"], [reader.ReadLine()!, reader.ReadLine()!, reader.ReadLine()!]);
        Assert.Null(reader.ReadLine());
    }

    [Fact]
    public void The_escaping_writer_escapes_everything_written_through_it()
    {
        var inner = new StringWriter();
        var writer = new EscapingWriter(inner);

        writer.WriteLine("new block 1 \"\u001b]0;owned\u0007\"");
        writer.Write('\u001b');

        Assert.Equal("new block 1 \"\\x1b]0;owned\\x07\"\n\\x1b", inner.ToString());
    }
}
