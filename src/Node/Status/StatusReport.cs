using Beamchain.Node.Chain;
using Beamchain.Node.Clock;
using Beamchain.Node.Grid;
using Beamchain.Node.Cluster;

namespace Beamchain.Node.Status;

/// <summary>
/// Gathers a <see cref="StatusDocument"/> from a running node: its members and miners, the
/// chain and dispenser grains' answers, its clock, store and gateway. The one source for
/// <c>status</c>, <c>status --json</c> and the web surface, so they never disagree.
/// </summary>
public sealed class StatusReport(ClusterNode node, StoreFailure store, ClusterClock? clock = null, GridGateway? gateway = null)
{
    // The local gossip actor answers at once; without it the members are named by address only.
    private static readonly TimeSpan NamesTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Throws <see cref="TimeoutException"/> or <see cref="OperationCanceledException"/> when a grain does not answer in time (e.g. while its host's death is noticed).</summary>
    public async Task<StatusDocument> CollectAsync(CancellationToken cancellationToken = default)
    {
        var status = await node.StatusAsync(cancellationToken);
        var chain = status.Chain ?? throw new TimeoutException("the chain grain gave no status");
        var dispenser = status.Job ?? throw new TimeoutException("the dispenser grain gave no status");
        var replica = node.Chain.Tip;
        var names = await node.NamedMembersAsync(NamesTimeout, cancellationToken);
        return new StatusDocument(
            StatusDocument.CurrentVersion,
            status.Node,
            status.Address,
            node.MemberId,
            node.Rejoins,
            status.Membership,
            status.Members,
            [.. status.Miners.Select(m => new DeviceReport(m.Name, m.Kind.ToString().ToLowerInvariant(), m.Rate, m.Hashed, m.IdleShare, m.JobId))],
            clock is null ? null : new ClockReport(clock.Adjustment.Negate().TotalSeconds, clock.Clocks),
            new ChainReport(chain.Height, chain.TipHash, [.. chain.Pending.Select(p => new QueuedRequest(p.RequestId, p.Sequence))], chain.Host),
            new ReplicaReport(replica.Height, replica.Hash.ToHex()),
            new StoreReport(store.DataDirectory, store.HasFailed),
            new DispenserReport(dispenser.Host, dispenser.ClusterRate),
            dispenser.JobId.Length == 0 ? null : new JobReport(
                dispenser.JobId,
                dispenser.RequestId,
                dispenser.Height,
                dispenser.Seconds,
                dispenser.Issued,
                dispenser.Completed,
                dispenser.OpenLeases,
                dispenser.Reissued,
                dispenser.Duplicated,
                [.. dispenser.Nodes.Select(n => new NonceCount(n.Node, n.Nonces))],
                [.. dispenser.OpenByNode.Select(n => new NonceCount(n.Node, n.Nonces))]),
            gateway is null ? null : new GatewayReport(gateway.Address.ToString(), gateway.Pool.Status()))
        {
            MemberNames = names,
        };
    }
}
