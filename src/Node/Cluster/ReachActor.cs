using Proto;

namespace Beamchain.Node.Cluster;

/// <summary>Answers the other members' reachability probes (<see cref="ReachProbe"/>), under <see cref="Name"/> on every node.</summary>
public sealed class ReachActor : IActor
{
    public const string Name = "beamchain-reach";

    /// <summary>The gossip key under which each member lists the members it cannot reach (<see cref="UnreachableMembers"/>).</summary>
    public const string GossipKey = "beamchain.unreachable";

    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is ReachProbe)
        {
            context.Respond(new ReachAnswer());
        }

        return Task.CompletedTask;
    }
}
