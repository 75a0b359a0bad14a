using Proto.Cluster;

namespace Beamchain.Node.Membership.Consul;

/// <summary>
/// The member list reported while the agent comes back. An agent that restarted (a new,
/// lower index) or answers again after an outage may have an empty catalog: members register
/// again one by one within a second or two. Reporting the partial list would make Proto.Cluster
/// drop — and block for good — every member not yet back. So for <see cref="SettleTime"/> after
/// the agent returns, members it does not list yet are kept from the last view; after that the
/// agent's answer is the view again (a member that died meanwhile then leaves).
/// </summary>
public sealed class SettlingMemberView(TimeSpan settleTime, TimeProvider time)
{
    private IReadOnlyList<Member> _last = [];
    private long? _returnedAt;

    public TimeSpan SettleTime { get; } = settleTime;

    /// <summary>The agent answered after failing, or with a lower index (it restarted).</summary>
    public void AgentReturned() => _returnedAt = time.GetTimestamp();

    /// <summary>Whether the view is still settling: then ask the agent again soon, not with a long blocking query.</summary>
    public bool Settling => _returnedAt is { } at && time.GetElapsedTime(at) < SettleTime;

    /// <summary>The members to report for the agent's <paramref name="answer"/>, ordered by id.</summary>
    public IReadOnlyList<Member> View(IReadOnlyList<Member> answer)
    {
        var view = Settling
            ? answer.Concat(_last.Where(kept => answer.All(m => m.Id != kept.Id))).OrderBy(m => m.Id, StringComparer.Ordinal).ToArray()
            : answer;
        _last = view;
        return view;
    }
}
