using System.Text;
using Beamchain.Node.Logging;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Tests.Cluster;

/// <summary>A node's printed lines, kept for assertions; safe to write from the node's many threads.</summary>
public sealed class CapturedOutput : TextWriter
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _partial = new();

    private ILoggerFactory? _logs;

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>A logger whose entries are kept here too, as the node's would reach standard error.</summary>
    public ILogger Logger(string category)
    {
        lock (_gate)
        {
            _logs ??= NodeLogging.Create(this, LogLevel.Information, TimeProvider.System);
        }

        return _logs.CreateLogger(category);
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return _lines.ToArray();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                _lines.Add(_partial.ToString());
                _partial.Clear();
            }
            else if (value != '\r')
            {
                _partial.Append(value);
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            _lines.Add(_partial + (value ?? ""));
            _partial.Clear();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _logs?.Dispose();
        }

        base.Dispose(disposing);
    }
}
