using Beamchain.Kernels.Header;

namespace Beamchain.Node.Grid;

/// <summary>
/// One volunteer's share target, aimed at one share per <c>interval</c>. It is reconsidered on
/// every share and on a timer; it changes once a settle time and three intervals have passed
/// (so a throttled phone gets an easier target without having to submit), or at once on a
/// flood of shares. A step moves the target by at most <see cref="MaxStep"/>×, and it is never
/// harder than the block target.
/// </summary>
public sealed class Vardiff
{
    public const double MaxStep = 4;

    // Four times the shares a decision expects in its span: too easy a target, act at once.
    private const int FloodShares = 16;
    private const double IntervalsPerDecision = 3;

    private readonly TimeSpan _interval;
    private readonly TimeSpan _settle;
    private long _since;
    private int _sharesSince;
    private double _hashesSince;

    /// <param name="settle">
    /// How long a new target takes to show: works already sent keep the old one. A decision
    /// without enough shares waits at least this long, so one slow spell is not eased twice.
    /// </param>
    public Vardiff(TimeSpan interval, TimeSpan settle, double initialRate, long now)
    {
        _interval = interval;
        _settle = settle;
        Target = ShareTargets.ForHashes(initialRate * interval.TotalSeconds);
        _since = now;
    }

    public Hash256 Target { get; private set; }

    /// <summary>
    /// Counts an accepted share of <paramref name="shareHashes"/> expected hashes (its work's
    /// target, which may be older than the current one); true when the target changed.
    /// </summary>
    public bool OnShare(long now, double shareHashes, Hash256 blockTarget, TimeProvider time)
    {
        _sharesSince++;
        _hashesSince += shareHashes;
        return Reconsider(now, blockTarget, time);
    }

    /// <summary>The timer's look; true when the target changed.</summary>
    public bool OnTick(long now, Hash256 blockTarget, TimeProvider time) => Reconsider(now, blockTarget, time);

    private bool Reconsider(long now, Hash256 blockTarget, TimeProvider time)
    {
        var elapsed = time.GetElapsedTime(_since, now);
        // Decide on a timer (the settle time, and a few intervals) so each decision sees many
        // shares; early only on a flood of shares. Shares come in bursts (a device submits what
        // one slice found), so a handful in a moment says nothing about the rate.
        var flood = _sharesSince >= FloodShares && elapsed >= _interval;
        if (!flood && (elapsed < _settle || elapsed < _interval * IntervalsPerDecision))
        {
            return false;
        }

        // The rate the shares prove, each at its own work's target: works sent before the last
        // change still carry the old target, and judging them by the new one would compound steps.
        // No share at all: assume half of one at the current target, so the target eases.
        var hashes = _sharesSince > 0 ? _hashesSince : 0.5 * ShareTargets.ExpectedHashes(Target);
        var rate = hashes / Math.Max(elapsed.TotalSeconds, 1e-3);
        var factor = Math.Clamp(ShareTargets.ExpectedHashes(Target) / (rate * _interval.TotalSeconds), 1 / MaxStep, MaxStep);
        var next = ShareTargets.Scale(Target, factor);
        if (next < blockTarget)
        {
            next = blockTarget;
        }

        (_since, _sharesSince, _hashesSince) = (now, 0, 0);
        var changed = next != Target;
        Target = next;
        return changed;
    }

    /// <summary>
    /// The volunteer has work again after none: time without work proves nothing about its
    /// rate, so the clock starts over (else an idle spell would read as a slow device).
    /// </summary>
    public void Resume(long now) => (_since, _sharesSince, _hashesSince) = (now, 0, 0);

    /// <summary>Keeps the target no harder than a new job's block target.</summary>
    public bool ClampTo(Hash256 blockTarget)
    {
        if (Target >= blockTarget)
        {
            return false;
        }

        Target = blockTarget;
        return true;
    }
}
