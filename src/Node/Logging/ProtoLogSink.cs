using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beamchain.Node.Logging;

/// <summary>
/// Proto.Actor's log wired to a factory for as long as a node runs. Disposing it first points
/// Proto's global logger back at nothing, then disposes the factory: a process that runs
/// nodes one after another (the tests) never has Proto create a logger from a disposed factory.
/// </summary>
public sealed class ProtoLogSink(ILoggerFactory factory) : IDisposable
{
    public void Dispose()
    {
        Proto.Log.SetLoggerFactory(NullLoggerFactory.Instance);
        factory.Dispose();
    }
}
