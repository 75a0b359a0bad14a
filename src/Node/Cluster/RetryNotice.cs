namespace Beamchain.Node.Cluster;

/// <summary>
/// What a retry loop says about its failures: the first in full, a different one at once, and
/// the same one again only every <paramref name="interval"/>, with how many tries and how long it
/// has failed so far, so a node that cannot get on (Consul down while it must join again) keeps
/// saying why without a line every retry.
/// </summary>
public sealed class RetryNotice(TimeProvider time, TimeSpan interval)
{
    private string? _failure;
    private long _since;
    private long _saidAt;
    private int _tries;

    /// <summary>The failure to tell now, or null when the same one was told within the interval.</summary>
    /// <param name="failure">What went wrong this try.</param>
    /// <param name="told">Formats a line: the failure, and for a repeat the tries and seconds so far (0 and 0 for a first).</param>
    public string? Failed(string failure, Func<string, int, TimeSpan, string> told)
    {
        var now = time.GetTimestamp();
        if (failure != _failure)
        {
            (_failure, _since, _saidAt, _tries) = (failure, now, now, 1);
            return told(failure, 0, TimeSpan.Zero);
        }

        _tries++;
        if (time.GetElapsedTime(_saidAt, now) < interval)
        {
            return null;
        }

        _saidAt = now;
        return told(failure, _tries, time.GetElapsedTime(_since, now));
    }
}
