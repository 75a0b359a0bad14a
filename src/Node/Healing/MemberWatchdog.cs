namespace Beamchain.Node.Healing;

/// <summary>
/// Knows when this member is no longer one: told so by an event (the others blocked it, its
/// membership shut down), or found by looking (it has been missing from its own member list
/// — the membership service no longer lists it — for <see cref="UnlistedLimit"/>). The first
/// reason wins; the node then joins again under a fresh identity.
/// </summary>
public sealed class MemberWatchdog(TimeProvider time)
{
    /// <summary>Longer than a membership service needs to list a member again after it returns (a re-registration takes a second or two).</summary>
    public static readonly TimeSpan UnlistedLimit = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource<string> _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long? _unlistedSince;

    /// <summary>Completes with the reason once this member is known to be dropped.</summary>
    public Task<string> WhenDropped => _dropped.Task;

    /// <summary>This member was dropped for <paramref name="reason"/>; the first reason given is kept.</summary>
    public void Dropped(string reason) => _dropped.TrySetResult(reason);

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
