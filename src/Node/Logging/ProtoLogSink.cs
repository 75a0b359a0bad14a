using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beamchain.Node.Logging;

/// <summary>
/// Proto.Actor's global log wired to the process's factory for as long as a node runs. Proto's
/// classes take their loggers when first used, so this is set before any actor system exists.
/// Disposing it first points Proto back at nothing, then disposes the factory: a process that
/// runs nodes one after another (the tests) never has Proto create a logger from a disposed factory.
/// </summary>
public sealed class ProtoLogSink : IDisposable
{
    private readonly ILoggerFactory _factory;

    public ProtoLogSink(ILoggerFactory factory)
    {
        _factory = factory;
        Proto.Log.SetLoggerFactory(factory);
    }

    public ILoggerFactory Factory => _factory;

    public void Dispose()
    {
        Proto.Log.SetLoggerFactory(NullLoggerFactory.Instance);
        _factory.Dispose();
    }
}
