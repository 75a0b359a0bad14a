namespace Beamchain.Node.Mining;

/// <summary>How a miner reaches the dispenser: the cluster grain in a node, the plain class in tests.</summary>
public interface IDispenserLink
{
    Task<LeaseReply> RequestLeaseAsync(LeaseRequest request, CancellationToken cancellationToken);

    Task<LeaseReportReply> ReportAsync(LeaseReport report, CancellationToken cancellationToken);
}
