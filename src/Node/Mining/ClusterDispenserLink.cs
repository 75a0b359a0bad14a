using Proto.Cluster;

namespace Beamchain.Node.Mining;

/// <summary>A miner's way to the dispenser grain, wherever the cluster placed it.</summary>
public sealed class ClusterDispenserLink(Proto.Cluster.Cluster cluster) : IDispenserLink
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    public Task<LeaseReply> RequestLeaseAsync(LeaseRequest request, CancellationToken cancellationToken) =>
        RequestAsync<LeaseReply>(request, cancellationToken);

    public Task<LeaseReportReply> ReportAsync(LeaseReport report, CancellationToken cancellationToken) =>
        RequestAsync<LeaseReportReply>(report, cancellationToken);

    private async Task<T> RequestAsync<T>(object message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        return await cluster.RequestAsync<T>(DispenserGrain.Identity, DispenserGrain.Kind, message, timeout.Token);
    }
}
