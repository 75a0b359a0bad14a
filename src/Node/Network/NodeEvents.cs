using Beamchain.Node.Chain;

namespace Beamchain.Node.Network;

/// <summary>Lets the replica, spawned before its node object exists, tell the node of each stored block.</summary>
internal sealed class NodeEvents
{
    public Action<Block, BlockAnnounced>? Stored { get; set; }
}
