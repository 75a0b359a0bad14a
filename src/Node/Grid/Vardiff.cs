using Beamchain.Kernels.Header;

namespace Beamchain.Node.Grid;

/// <summary>
/// One volunteer's share target, aimed at one share per <c>interval</c>. It is reconsidered on
/// every share and on a timer: after enough shares, or after long enough without any (a
/// throttled phone gets an easier target without having to submit). A step moves the target
/// by at most <see cref="MaxStep"/>×, and it is never harder than the block target.
/// </summary>
public sealed class Vardiff
{
    public const double MaxStep = 4;

    // Enough shares to judge the rate by, or this many intervals without a decision.
    private const int SharesPerDecision = 4;
    private const double IntervalsPerDecision = 3;

    private readonly TimeSpan _interval;
    private long _since;
    private int _sharesSince;

    public Vardiff(TimeSpan interval, double initialRate, long now)
    {
        _interval = interval;
        Target = ShareTargets.ForHashes(initialRate * interval.TotalSeconds);
        _since = now;
    }

    public Hash256 Target { get; private set; }

    /// <summary>Counts an accepted share; true when the target changed.</summary>
    public bool OnShare(long now, Hash256 blockTarget, TimeProvider time)
    {
        _sharesSince++;
        return Reconsider(now, blockTarget, time);
    }

    /// <summary>The timer's look; true when the target changed.</summary>
    public bool OnTick(long now, Hash256 blockTarget, TimeProvider time) => Reconsider(now, blockTarget, time);

    private bool Reconsider(long now, Hash256 blockTarget, TimeProvider time)
    {
        var elapsed = time.GetElapsedTime(_since, now);
        if (_sharesSince < SharesPerDecision && elapsed < _interval * IntervalsPerDecision)
        {
            return false;
        }

        // No share at all: assume half of one, so the target eases (by the step limit at most).
        var shares = Math.Max(_sharesSince, 0.5);
        var rate = shares * ShareTargets.ExpectedHashes(Target) / Math.Max(elapsed.TotalSeconds, 1e-3);
        var factor = Math.Clamp(ShareTargets.ExpectedHashes(Target) / (rate * _interval.TotalSeconds), 1 / MaxStep, MaxStep);
        var next = ShareTargets.Scale(Target, factor);
        if (next < blockTarget)
        {
            next = blockTarget;
        }

        (_since, _sharesSince) = (now, 0);
        var changed = next != Target;
        Target = next;
        return changed;
    }

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
