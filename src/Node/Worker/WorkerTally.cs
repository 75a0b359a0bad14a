namespace Beamchain.Node.Worker;

/// <summary>A worker's own counts, over all its sessions and over the current one (for comparing with the gateway's verified rate). Thread-safe.</summary>
public sealed class WorkerTally
{
    private readonly Lock _gate = new();
    private ulong _hashed;
    private ulong _sessionHashed;
    private long? _sessionStarted;
    private ulong _accepted;
    private ulong _rejected;
    private ulong _blocks;

    public void SessionStarted(long at)
    {
        lock (_gate)
        {
            (_sessionStarted, _sessionHashed) = (at, 0);
        }
    }

    public void Hashed(ulong count)
    {
        lock (_gate)
        {
            _hashed += count;
            if (_sessionStarted is not null)
            {
                _sessionHashed += count;
            }
        }
    }

    public void Accepted(bool block)
    {
        lock (_gate)
        {
            _accepted++;
            _blocks += block ? 1UL : 0;
        }
    }

    public void Rejected()
    {
        lock (_gate)
        {
            _rejected++;
        }
    }

    public WorkerReport Report(long now, TimeProvider time)
    {
        lock (_gate)
        {
            return new WorkerReport(_hashed, _sessionHashed, _sessionStarted is { } at ? time.GetElapsedTime(at, now).TotalSeconds : 0, _accepted, _rejected, _blocks);
        }
    }
}
