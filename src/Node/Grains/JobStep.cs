namespace Beamchain.Node.Grains;

/// <summary>
/// What the chain grain does after <see cref="JobDriver"/> acted: nothing (no job to run, or
/// one is already watched), watch the job <see cref="WatchJobId"/> (ask the dispenser about it
/// again in a second), or try to start the next job again after a pause (<see cref="RetryLater"/>).
/// </summary>
public readonly record struct JobStep(string? WatchJobId, bool RetryLater)
{
    public static JobStep Idle => default;

    public static JobStep Watch(string jobId) => new(jobId, false);

    public static JobStep Retry => new(null, true);
}
