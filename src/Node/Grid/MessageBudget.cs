namespace Beamchain.Node.Grid;

/// <summary>A token bucket: <c>perSecond</c> messages a second on average, bursts of up to <c>burst</c>.</summary>
public sealed class MessageBudget(double perSecond, int burst, TimeProvider time)
{
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    /// <summary>Messages refused so far.</summary>
    public int Refused { get; private set; }

    public bool TryTake()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
        _last = now;
        if (_tokens >= 1)
        {
            _tokens--;
            return true;
        }

        Refused++;
        return false;
    }
}
