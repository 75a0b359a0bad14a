namespace Beamchain.Node.Text;

/// <summary>
/// Standard output shared by the prompt's answers and the lines other threads print while it runs
/// (progress, new blocks): every write is whole, and <see cref="WriteAlone"/> keeps the others out
/// for a longer answer written in pieces (<c>read --json</c>), so it reaches a program unbroken.
/// </summary>
public sealed class SharedWriter(TextWriter inner) : TextWriter
{
    private readonly Lock _gate = new();

    public override System.Text.Encoding Encoding => inner.Encoding;

    /// <summary>Runs <paramref name="write"/> with this writer to itself: no other thread's line lands inside what it writes.</summary>
    public void WriteAlone(Action<TextWriter> write)
    {
        lock (_gate)
        {
            write(inner);
            inner.Flush();
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            inner.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            inner.Write(buffer, index, count);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            inner.WriteLine(value);
        }
    }

    public override void WriteLine()
    {
        lock (_gate)
        {
            inner.WriteLine();
        }
    }

    public override void Flush()
    {
        lock (_gate)
        {
            inner.Flush();
        }
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }
}
