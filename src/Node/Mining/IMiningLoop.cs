namespace Beamchain.Node.Mining;

/// <summary>
/// Something that mines for this node until stopped: a device's <see cref="Miner"/>, or the
/// grid gateway's lease loop. The node hosts one per membership and routes the dispenser's
/// job broadcasts to it.
/// </summary>
public interface IMiningLoop
{
    /// <summary>A new job exists: wake the loop if it is idle.</summary>
    void OnJobAnnounced();

    /// <summary>The job is over: drop its work now.</summary>
    void OnJobEnded(string jobId);

    /// <summary>Mines until <paramref name="stop"/>, then hands back what it holds.</summary>
    Task RunAsync(CancellationToken stop);
}
