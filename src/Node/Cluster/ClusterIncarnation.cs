using Beamchain.Node.Healing;
using Beamchain.Node.Secret;
using Proto;
using Proto.Cluster;

namespace Beamchain.Node.Cluster;

/// <summary>
/// One membership of a node: the actor system (its id is the member id), its connection
/// guard, the mining loops running on it, and the addresses of every member it has seen — a
/// node dropped from the cluster joins again through them. A node has one at a time.
/// </summary>
internal sealed class ClusterIncarnation
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _seen = [];

    public ClusterIncarnation(ActorSystem system, CookieTransport? cookieTransport, MemberWatchdog watchdog)
    {
        System = system;
        CookieTransport = cookieTransport;
        Watchdog = watchdog;
        system.EventStream.Subscribe<ClusterTopology>(topology =>
        {
            lock (_gate)
            {
                foreach (var member in topology.Members)
                {
                    _seen[member.Id] = member.Address;
                }
            }
        });
    }

    public ActorSystem System { get; }

    public CookieTransport? CookieTransport { get; }

    public MemberWatchdog Watchdog { get; }

    /// <summary>This membership's watch on direct reachability; null until it has joined.</summary>
    public ReachWatch? Reach { get; set; }

    public List<RunningLoop> Loops { get; } = [];

    /// <summary>Whether the expired members last outnumbered those left (the line saying so is printed once per spell).</summary>
    public bool Outnumbered { get; set; }

    /// <summary>Every member address this membership has seen, this one's included.</summary>
    public IReadOnlyList<string> KnownMembers
    {
        get
        {
            lock (_gate)
            {
                return _seen.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            }
        }
    }
}
