namespace Beamchain.Node.Grid;

/// <summary>
/// The hash rate a volunteer's accepted shares prove over a sliding window: the expected
/// hashes of each share in the window, divided by the window (or the session's age while it
/// is younger, but never under <c>shortestSpan</c>, so one lucky early share is no huge rate). Nothing the volunteer says moves it.
/// </summary>
public sealed class VerifiedRate(TimeSpan window, TimeSpan shortestSpan, TimeProvider time, long startedAt)
{
    private readonly Queue<(long At, double Hashes)> _shares = new();
    private double _inWindow;

    /// <summary>The hashes of every accepted share since the session began.</summary>
    public double TotalHashes { get; private set; }

    public void Add(long now, double hashes)
    {
        _shares.Enqueue((now, hashes));
        _inWindow += hashes;
        TotalHashes += hashes;
    }

    public double Rate(long now)
    {
        while (_shares.TryPeek(out var oldest) && time.GetElapsedTime(oldest.At, now) > window)
        {
            _inWindow -= _shares.Dequeue().Hashes;
        }

        var span = Math.Max(shortestSpan.TotalSeconds, Math.Min(window.TotalSeconds, time.GetElapsedTime(startedAt, now).TotalSeconds));
        return _shares.Count == 0 || span <= 0 ? 0 : Math.Max(0, _inWindow) / span;
    }
}
