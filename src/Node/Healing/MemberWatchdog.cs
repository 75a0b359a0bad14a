namespace Beamchain.Node.Healing;

/// <summary>
/// Knows when this member is no longer one: told so by an event (the others blocked it, its
/// membership shut down), or found by looking (it has been missing from its own member list
/// — the membership service no longer lists it — for <see cref="UnlistedLimit"/>). The first
/// reason wins; the node then joins again under a fresh identity.
/// <para>
/// It also knows when this member is cut off: it stopped hearing from (expired heartbeats) at
/// least as many members as it still has, itself included — the minority side of a partition.
/// Both sides then mine on, each blocking the other for good; when one of the lost members can
/// be reached again, the cut-off member joins the others as a new member (the sides become one
/// cluster, and fork choice keeps the chain with the most work).
/// </para>
/// </summary>
public sealed class MemberWatchdog(TimeProvider time)
{
    /// <summary>Longer than a membership service needs to list a member again after it returns (a re-registration takes a second or two).</summary>
    public static readonly TimeSpan UnlistedLimit = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource<string> _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, string> _lost = [];
    private long? _unlistedSince;

    /// <summary>Completes with the reason once this member is known to be dropped.</summary>
    public Task<string> WhenDropped => _dropped.Task;

    /// <summary>This member was dropped for <paramref name="reason"/>; the first reason given is kept.</summary>
    public void Dropped(string reason) => _dropped.TrySetResult(reason);

    /// <summary>The addresses of the members this one stopped hearing from, by member id.</summary>
    public IReadOnlyCollection<string> LostAddresses
    {
        get
        {
            lock (_lost)
            {
                return _lost.Values.Distinct(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>This member blocked <paramref name="memberId"/> at <paramref name="address"/> because its heartbeat expired.</summary>
    public void Lost(string memberId, string address)
    {
        lock (_lost)
        {
            _lost[memberId] = address;
        }
    }

    /// <summary>Whether the members lost are at least as many as the <paramref name="members"/> left (this one included).</summary>
    public bool IsCutOff(int members)
    {
        lock (_lost)
        {
            return _lost.Count > 0 && _lost.Count >= members;
        }
    }

    /// <summary>Records whether this member lists itself now; true once it has not for <see cref="UnlistedLimit"/> (then it counts as dropped).</summary>
    public bool ObserveListed(bool listed)
    {
        if (listed)
        {
            _unlistedSince = null;
            return false;
        }

        var now = time.GetTimestamp();
        _unlistedSince ??= now;
        if (time.GetElapsedTime(_unlistedSince.Value, now) < UnlistedLimit)
        {
            return false;
        }

        Dropped($"it has not been in its own member list for {UnlistedLimit.TotalSeconds:0} s");
        return true;
    }
}
