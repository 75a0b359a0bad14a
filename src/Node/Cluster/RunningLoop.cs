using Beamchain.Node.Mining;
using Proto;
using Proto.Mailbox;

namespace Beamchain.Node.Cluster;

/// <summary>
/// One <see cref="IMiningLoop"/> (a device's miner, or a gateway's) running on one membership:
/// it hears the dispenser's job broadcasts from that actor system's event stream, and runs
/// until <see cref="StopAsync"/> or until the system shuts down — a node dropped from the
/// cluster starts the same loop on its next system, and two runs must never share one loop.
/// The loop guards its own state with its lock: no actor sits in front of it.
/// </summary>
internal sealed class RunningLoop
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource _stop;
    private readonly EventStreamSubscription<object> _announced;
    private readonly EventStreamSubscription<object> _ended;
    private readonly Task _loop;

    public RunningLoop(ActorSystem system, IMiningLoop loop)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(system.Shutdown);
        // On the thread pool, not inline on the thread that delivers the broadcast (a gateway's
        // loop tells thousands of volunteers); the loop takes its own lock, and a job's end is
        // matched by id, so the order between two broadcasts does not matter.
        _announced = system.EventStream.Subscribe<JobAnnounced>(_ => loop.OnJobAnnounced(), Dispatchers.DefaultDispatcher);
        _ended = system.EventStream.Subscribe<JobEnded>(ended => loop.OnJobEnded(ended.JobId), Dispatchers.DefaultDispatcher);
        var stop = _stop.Token;
        _loop = Task.Run(() => loop.RunAsync(stop));
    }

    /// <summary>Stops the loop, which hands its open lease back, before the node leaves the cluster.</summary>
    public async Task StopAsync()
    {
        _announced.Unsubscribe();
        _ended.Unsubscribe();
        await _stop.CancelAsync();
        await _loop.WaitAsync(StopTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
