using Beamchain.Node.Logging;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Tests;

/// <summary>A logger whose lines land in a writer a test reads, formatted as the node's own notices are on standard error.</summary>
public static class TestLog
{
    public static ILogger To(TextWriter writer) => new LineLoggerProvider(writer, TimeProvider.System).CreateLogger(NodeLogging.NodeCategories + ".Tests");

    /// <summary>A factory for a whole node whose notices land in <paramref name="writer"/>.</summary>
    public static ILoggerFactory FactoryTo(TextWriter writer) => NodeLogging.Create(writer, NodeLogging.DefaultLevel, TimeProvider.System);
}
