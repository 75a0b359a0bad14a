using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Chain;

/// <summary>
/// A node's store could not be written (a full disk, a read-only or vanished directory). The
/// node does not carry on half-stored: the first failure is reported once, with the data
/// directory, the error and what to do, and <see cref="Stopping"/> is cancelled so the node
/// stops taking <c>mine</c> requests, stops mining, leaves the cluster (whose other members
/// carry on) and exits with <see cref="ExitCode"/>, for a supervisor to restart it once the
/// disk is fixed. What was stored before is kept; a torn record is cut at the next start.
/// </summary>
public sealed class StoreFailure(string dataDirectory, ILogger log) : IDisposable
{
    public const int ExitCode = 3;

    private readonly CancellationTokenSource _stopping = new();
    private int _reported;

    public bool HasFailed => _reported != 0;

    /// <summary>The store's folder, as the failure message names it.</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>Cancelled at the first failure.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>True (and reported, once) when <paramref name="e"/> is a failure to read or write the store's files.</summary>
    public bool TryReport(Exception e)
    {
        if (e is not ChainStoreException && e.GetBaseException() is not (IOException or UnauthorizedAccessException))
        {
            return false;
        }

        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            log.LogError($"store: cannot write to {dataDirectory}: {e.GetBaseException().Message.TrimEnd('.')}. "
                + "This node stops taking mine requests and stops mining, leaves the cluster and exits "
                + $"(status {ExitCode}); free space on that disk or fix the folder, then start it again: what it stored is kept");
            _stopping.Cancel();
        }

        return true;
    }

    public void Dispose() => _stopping.Dispose();
}
