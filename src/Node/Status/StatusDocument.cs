using Beamchain.Node.Cluster;
using Beamchain.Node.Grid;

namespace Beamchain.Node.Status;

/// <summary>
/// Everything <c>status</c> says about a node, as one document: <c>status --json</c> prints it
/// on one line and the web surface serves it, so programs read fields instead of parsing text.
/// The JSON names (camelCase, <see cref="StatusJsonContext"/>) are documented in the README
/// and only ever added to; <see cref="Version"/> changes if one has to change meaning.
/// </summary>
/// <param name="Chain">The chain grain's answer: the cluster's tip and queue.</param>
/// <param name="Replica">This node's own copy of the chain; behind <see cref="Chain"/> while it syncs.</param>
/// <param name="Job">The job being mined, null when the queue is empty.</param>
/// <param name="Clock">Null where the node keeps no cluster clock.</param>
/// <param name="Gateway">Null without a grid gateway.</param>
public sealed record StatusDocument(
    int Version,
    string Node,
    string Address,
    string MemberId,
    int Rejoins,
    string Membership,
    IReadOnlyList<string> Members,
    IReadOnlyList<DeviceReport> Devices,
    ClockReport? Clock,
    ChainReport Chain,
    ReplicaReport Replica,
    StoreReport Store,
    DispenserReport Dispenser,
    JobReport? Job,
    GatewayReport? Gateway)
{
    public const int CurrentVersion = 1;

    /// <summary>Each member's address with the name it gossiped (empty while not known), sorted by address: <see cref="Members"/> with names.</summary>
    public IReadOnlyList<NamedMember> MemberNames { get; init; } = [];

    /// <summary>The document as the web surface serves it to anyone: volunteers without their addresses (<see cref="GridStatus.ForPublic"/>).</summary>
    public StatusDocument ForPublic() => Gateway is null ? this : this with { Gateway = Gateway with { Grid = Gateway.Grid.ForPublic() } };
}
