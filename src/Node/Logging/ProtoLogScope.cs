using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beamchain.Node.Logging;

/// <summary>
/// Proto.Actor's logger factory for one node run. Proto keeps the factory in a static; ending
/// the run points it back at a null factory before disposing this one, so nodes started later
/// in the same process (tests run many) never create loggers from a disposed factory.
/// </summary>
public sealed class ProtoLogScope(ILoggerFactory factory) : IDisposable
{
    public void Dispose()
    {
        Proto.Log.SetLoggerFactory(NullLoggerFactory.Instance);
        factory.Dispose();
    }
}
