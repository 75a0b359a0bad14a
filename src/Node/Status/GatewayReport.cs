using Beamchain.Node.Grid;

namespace Beamchain.Node.Status;

/// <summary>This node's grid gateway: where volunteers connect, and its figures as <c>/api/grid</c> shows them.</summary>
public sealed record GatewayReport(string Address, GridStatus Grid);
