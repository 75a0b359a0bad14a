using Beamchain.Node.Mining;

namespace Beamchain.Node.Grid;

/// <summary>
/// The gateway as one miner of the cluster: asks the dispenser for the leases its
/// <see cref="GridPool"/> wants, sends the pool's reports (finished leases, solutions), and
/// runs the pool's timer. An <see cref="IMiningLoop"/>: it hears the job
/// broadcasts like a device's miner, and on stop hands back every lease it holds.
/// </summary>
public sealed class GridMiner(GridPool pool, IDispenserLink dispenser, TimeProvider time, Action<string> log) : IMiningLoop
{
    // The pool's timer: vardiff on time, expired works. Also the safety net for a missed broadcast.
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    public void OnJobAnnounced() => pool.OnJobAnnounced();

    public void OnJobEnded(string jobId) => pool.OnJobEnded(jobId);

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var wanted = pool.WhenWanted;
            await SendReportsAsync(pool.TakeReports(), stop);
            if (pool.NextLeaseRequest() is { } request)
            {
                try
                {
                    pool.OnLeaseReply(await dispenser.RequestLeaseAsync(request, stop));
                    continue;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    pool.OnLeaseFailed();
                    break;
                }
                catch (Exception e)
                {
                    pool.OnLeaseFailed();
                    log($"{pool.Miner}: lease request failed ({e.GetType().Name}: {e.Message}); retrying");
                    await Task.Delay(RetryAfterFailure, time, stop).ContinueWith(_ => { }, TaskScheduler.Default);
                    continue;
                }
            }

            pool.Tick();
            try
            {
                await wanted.WaitAsync(TickInterval, time, stop);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        using var handBack = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
        await SendReportsAsync(pool.HandBackAll(), handBack.Token);
    }

    private async Task SendReportsAsync(IReadOnlyList<LeaseReport> reports, CancellationToken cancellationToken)
    {
        foreach (var report in reports)
        {
            try
            {
                var reply = await dispenser.ReportAsync(report, cancellationToken);
                if (reply.Outcome == ReportOutcome.ReportExpired)
                {
                    log($"{pool.Miner}: lease {report.LeaseId} had expired at the dispenser; its work is not counted");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                log($"{pool.Miner}: report on lease {report.LeaseId} failed ({e.GetType().Name}: {e.Message})");
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
