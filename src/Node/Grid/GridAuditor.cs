using Beamchain.Kernels.Search;

namespace Beamchain.Node.Grid;

/// <summary>
/// Re-hashes the finished works the pool picked for audit, natively on one CPU thread, and
/// gives the pool every nonce that meets the work's share target (<see cref="QualifyingNonces"/>).
/// </summary>
public sealed class GridAuditor(GridPool pool, INonceSearcher searcher, TimeProvider time)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (!pool.TryTakeAudit(out var audit))
            {
                try
                {
                    await pool.WhenWanted.WaitAsync(Idle, time, stop);
                }
                catch (TimeoutException)
                {
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            var qualifying = await Task.Factory.StartNew(() => QualifyingNonces.Find(searcher, audit.Job, audit.Range, stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
            if (qualifying is not null && !stop.IsCancellationRequested)
            {
                pool.OnAudited(audit, qualifying);
            }
        }
    }
}
