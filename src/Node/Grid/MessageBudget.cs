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
    /// The sender's side (a volunteer pacing itself): takes the next message's turn, even one the
    /// budget has no token for yet, and says how long to wait before sending it (zero within the
    /// budget). Messages take turns in the order they call this; nothing is refused.
    /// </summary>
    public TimeSpan TakeTurn()
    {
        Refill();
        _tokens--;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / perSecond);
    }

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
        Refill();
        if (_tokens >= 1)
        {
            _tokens--;
            return true;
        }

        Refused++;
        return false;
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
        _last = now;
    }
}
