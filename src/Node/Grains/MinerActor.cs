using Beamchain.Node.Mining;
using Proto;

namespace Beamchain.Node.Grains;

/// <summary>
/// Hosts one <see cref="IMiningLoop"/> (local: one per device per node, and a gateway's): runs its loop
/// while the actor lives and routes the dispenser's job broadcasts, which arrive on the
/// node's event stream, to it.
/// </summary>
public sealed class MinerActor(IMiningLoop miner) : IActor
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(3);

    private CancellationTokenSource? _stop;
    private Task _loop = Task.CompletedTask;
    private EventStreamSubscription<object>? _announced;
    private EventStreamSubscription<object>? _ended;

    public Task ReceiveAsync(IContext context) => context.Message switch
    {
        Started => OnStarted(context),
        JobAnnounced => OnJobAnnounced(),
        JobEnded ended => OnJobEnded(ended),
        Stopping => OnStoppingAsync(context),
        _ => Task.CompletedTask,
    };

    private Task OnStarted(IContext context)
    {
        // The loop also ends with its actor system: a node dropped from the cluster starts the
        // same miner on its next system, and two loops must never share one miner.
        _stop = CancellationTokenSource.CreateLinkedTokenSource(context.System.Shutdown);
        _announced = context.System.EventStream.Subscribe<JobAnnounced>(context.System.Root, context.Self);
        _ended = context.System.EventStream.Subscribe<JobEnded>(context.System.Root, context.Self);
        var stop = _stop.Token;
        _loop = Task.Run(() => miner.RunAsync(stop));
        return Task.CompletedTask;
    }

    private Task OnJobAnnounced()
    {
        miner.OnJobAnnounced();
        return Task.CompletedTask;
    }

    private Task OnJobEnded(JobEnded ended)
    {
        miner.OnJobEnded(ended.JobId);
        return Task.CompletedTask;
    }

    /// <summary>Stops the loop, which hands its open lease back, before the node leaves the cluster.</summary>
    private async Task OnStoppingAsync(IContext context)
    {
        _announced?.Unsubscribe();
        _ended?.Unsubscribe();
        if (_stop is { } stop)
        {
            await stop.CancelAsync();
            await _loop.WaitAsync(StopTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
            stop.Dispose();
        }
    }
}
