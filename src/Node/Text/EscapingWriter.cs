namespace Beamchain.Node.Text;

/// <summary>
/// Writes through <paramref name="inner"/> with control characters escaped (newlines and tabs
/// kept): the node's console goes through it, so nothing that reaches a line (block data, a
/// peer's message, a mistyped command) can drive the terminal.
/// </summary>
public sealed class EscapingWriter(TextWriter inner) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // TextWriter.NewLine's setter takes null as "the default"; the inner writer handles that.
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => inner.Write(PrintableText.Escape(value.ToString(), keepLines: true));

    public override void Write(string? value)
    {
        if (value is not null)
        {
            inner.Write(PrintableText.Escape(value, keepLines: true));
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    // One call to the inner writer, so a line stays whole when another writer shares it.
    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : PrintableText.Escape(value, keepLines: true));

    public override void WriteLine() => inner.WriteLine();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();
}
