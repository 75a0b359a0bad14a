using System.Globalization;

namespace Beamchain.Node.Grains;

/// <summary>
/// What a catching-up node prints instead of a line per block (with how many members have sent it blocks): at most a few lines a second
/// (<c>synced 150,000 of 300,000 blocks from 2 member(s), 12,000 blocks/s</c>), and one when it is done.
/// </summary>
public sealed class SyncProgress(TextWriter output, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly long _started = time.GetTimestamp();
    private long _lastPrinted = time.GetTimestamp();
    private ulong _done;
    private int _sources;

    /// <summary>Blocks adopted so far of <paramref name="total"/>, from <paramref name="sources"/> members; prints when the last line is older than <see cref="Interval"/>.</summary>
    public void Report(ulong done, ulong total, int sources)
    {
        _done = done;
        _sources = sources;
        if (time.GetElapsedTime(_lastPrinted) < Interval || done == total)
        {
            return;
        }

        _lastPrinted = time.GetTimestamp();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"synced {done:N0} of {total:N0} blocks from {_sources} member(s), {Rate():N0} blocks/s"));
    }

    /// <summary>The closing line, once anything was adopted.</summary>
    public void Finish(ulong height)
    {
        if (_done > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"synced {_done:N0} blocks from {_sources} member(s) in {time.GetElapsedTime(_started).TotalSeconds:F1} s ({Rate():N0} blocks/s); tip is now block {height}"));
        }
    }

    private double Rate() => _done / Math.Max(time.GetElapsedTime(_started).TotalSeconds, 1e-3);
}
