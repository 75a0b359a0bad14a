using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Beamchain.Node.Logging;

/// <summary>
/// Wires Proto.Actor's own logger (membership, gossip, remote) to standard error, one line per
/// entry, so its warnings (a blocked member, an expired heartbeat, a refused connection) are
/// visible; results stay on standard output. Proto's classes create their loggers when first
/// used, so this runs before any actor system exists.
/// </summary>
public static class ProtoLogging
{
    public const LogLevel DefaultLevel = LogLevel.Warning;

    /// <summary>Sends Proto's log entries at <paramref name="minimum"/> and above to standard error.</summary>
    public static ProtoLogScope ToStandardError(LogLevel minimum)
    {
        var factory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimum)
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss.fff ";
                options.UseUtcTimestamp = true;
            })
            .AddFilter<ConsoleLoggerProvider>(level => level >= minimum)
            .Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
        Proto.Log.SetLoggerFactory(factory);
        return new ProtoLogScope(factory);
    }

    /// <summary>Parses a <c>--log-level</c> value: trace, debug, information, warning, error, critical or none.</summary>
    public static bool TryParseLevel(string text, out LogLevel level) =>
        Enum.TryParse(text, ignoreCase: true, out level) && !int.TryParse(text, out _) && Enum.IsDefined(level);
}
