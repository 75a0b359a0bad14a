using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Logging;

/// <summary>
/// Writes each log entry as one line to <paramref name="output"/> as it happens (no background
/// queue, so a line is out before the process can exit or a test reads it). The node's own
/// categories print their message as it is — they are the notices users and the process tests
/// read (<c>node-a: listening on …</c>); other libraries' lines carry a UTC time, level and category.
/// </summary>
public sealed class LineLoggerProvider(TextWriter output, TimeProvider time) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName, this);

    public void Dispose() => output.Flush();

    internal void WriteLine(string line)
    {
        // One call per line under one lock, so lines from different threads never interleave.
        lock (_gate)
        {
            output.WriteLine(line);
        }
    }

    internal string Stamp() => time.GetUtcNow().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
}
