using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Logging;

/// <summary>
/// The process's one logger factory: every diagnostic line — the node's own notices and Proto.Actor's
/// log (membership, gossip, remote) — goes to standard error, one line per entry; results (prompt
/// answers, block lines, progress, <c>read</c>) stay on standard output. The node's own categories
/// (<c>Beamchain.*</c>) show from Information up, or from the given level when it is lower; every
/// other category (Proto.Actor, ASP.NET Core) from the given level, <see cref="DefaultLevel"/> by default.
/// </summary>
public static class NodeLogging
{
    public const LogLevel DefaultLevel = LogLevel.Warning;

    /// <summary>The prefix of the node's own categories (its namespaces).</summary>
    public const string NodeCategories = "Beamchain";

    public static ILoggerFactory Create(TextWriter error, LogLevel level, TimeProvider time) =>
        LoggerFactory.Create(builder => builder
            .ClearProviders()
            .AddProvider(new LineLoggerProvider(error, time))
            .SetMinimumLevel(level)
            .AddFilter(NodeCategories, level < LogLevel.Information ? level : LogLevel.Information));
}
