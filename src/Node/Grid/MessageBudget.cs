namespace Beamchain.Node.Grid;

/// <summary>A token bucket: <c>perSecond</c> messages a second on average, bursts of up to <c>burst</c>.</summary>
public sealed class MessageBudget(double perSecond, int burst, TimeProvider time)
{
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    /// <summary>How often a refusal is answered at most: a client told once a second knows to slow down.</summary>
    public static readonly TimeSpan AnswerEvery = TimeSpan.FromSeconds(1);

    private long? _answeredAt;

    /// <summary>Messages refused so far.</summary>
    public int Refused { get; private set; }

    /// <summary>
    /// After a refused <see cref="TryTake"/>: whether to answer this refusal, at most once every
    /// <see cref="AnswerEvery"/>. Answering every refused message made a flood cost the gateway a
    /// reply per message; the refusals are still counted by whoever asks.
    /// </summary>
    public bool AnswerRefusal()
    {
        var now = time.GetTimestamp();
        if (_answeredAt is { } at && time.GetElapsedTime(at, now) < AnswerEvery)
        {
            return false;
        }

        _answeredAt = now;
        return true;
    }

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
