using Beamchain.Node.Chain;
using Beamchain.Node.Grains;

namespace Beamchain.Node.Cluster;

/// <summary>Lets the replica, spawned before its node object exists, tell the node of each stored block.</summary>
internal sealed class NodeEvents
{
    public Action<Block, JobSummary?>? Stored { get; set; }
}
