using Beamchain.Node.Grid;
using Beamchain.Node.Mining;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;

namespace Beamchain.Node.Web;

/// <summary>
/// One look at a node, taken about once a second for the dashboard and <c>/metrics</c>: what this
/// member sees itself (members, its devices, its gateway) and what the chain and dispenser grains
/// answered last. <see cref="Chain"/> and <see cref="Job"/> are from <see cref="GrainsAnsweredAt"/>;
/// when the grains stop answering they stay as they were and <see cref="Problem"/> says so.
/// </summary>
public sealed record NodeReading(
    DateTimeOffset At,
    string Node,
    string Address,
    string Membership,
    IReadOnlyList<NamedMember> Members,
    IReadOnlyList<MinerSnapshot> Miners,
    GridStatus Grid,
    ChainStatus? Chain,
    DispenserStatus? Job,
    DateTimeOffset? GrainsAnsweredAt,
    string? Problem);
