using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Logging;

/// <summary>One category's logger for <see cref="LineLoggerProvider"/>; which levels pass is the factory's filters' business.</summary>
internal sealed class LineLogger(string category, LineLoggerProvider provider) : ILogger
{
    private readonly bool _ours = category.StartsWith(NodeLogging.NodeCategories, StringComparison.Ordinal);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        if (exception is not null)
        {
            message = $"{message} ({exception.GetType().Name}: {exception.Message})";
        }

        provider.WriteLine(_ours ? message : $"{provider.Stamp()} {Abbreviation(logLevel)}: {category}: {message}");
    }

    private static string Abbreviation(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}
