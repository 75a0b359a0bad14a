using System.Runtime.InteropServices;

namespace Beamchain.Node.Shell;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a graceful stop: the first one cancels
/// <see cref="Token"/> (the node hands back its leases and leaves the cluster); a second
/// one, while that is under way, ends the process at once as usual.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_stop.IsCancellationRequested)
        {
            return; // the second signal: let the runtime end the process
        }

        context.Cancel = true;
        _stop.Cancel();
    }
}
