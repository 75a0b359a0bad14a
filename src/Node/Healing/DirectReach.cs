namespace Beamchain.Node.Healing;

/// <summary>
/// Which members this member has not reached directly for <see cref="Limit"/>, from its probes
/// (one round a second, each member asked to answer). A member that answers any probe is
/// reachable again at once. A gap between rounds of more than <see cref="StallGap"/> (this
/// process stood still) starts every count over: the probes did not fail meanwhile, they did
/// not run.
/// </summary>
public sealed class DirectReach(TimeSpan limit, TimeProvider time)
{
    /// <summary>Longer than a round's probes take (their timeout) plus a scheduling hiccup.</summary>
    public static readonly TimeSpan StallGap = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, long> _failingSince = new(StringComparer.Ordinal);
    private long? _lastRound;

    public TimeSpan Limit { get; } = limit;

    /// <summary>One round's outcome: for each member asked, whether it answered; members not in it are forgotten (they left).</summary>
    public void Round(IReadOnlyDictionary<string, bool> answered)
    {
        var now = time.GetTimestamp();
        if (_lastRound is { } last && time.GetElapsedTime(last, now) > StallGap)
        {
            _failingSince.Clear();
        }

        _lastRound = now;
        foreach (var gone in _failingSince.Keys.Where(m => !answered.ContainsKey(m)).ToArray())
        {
            _failingSince.Remove(gone);
        }

        foreach (var (member, ok) in answered)
        {
            if (ok)
            {
                _failingSince.Remove(member);
            }
            else
            {
                _failingSince.TryAdd(member, now);
            }
        }
    }

    /// <summary>The members that have not answered for <see cref="Limit"/> or longer, in order.</summary>
    public IReadOnlyList<string> Unreachable()
    {
        var now = time.GetTimestamp();
        return _failingSince.Where(f => time.GetElapsedTime(f.Value, now) >= Limit).Select(f => f.Key).Order(StringComparer.Ordinal).ToArray();
    }
}
