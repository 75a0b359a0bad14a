using Beamchain.Node.Mining;
using Proto.Cluster;

namespace Beamchain.Node.Grains;

/// <summary>A miner's way to the dispenser grain, wherever the cluster placed it, through the node's current membership (a new one after the node rejoins).</summary>
public sealed class ClusterDispenserLink(Func<Proto.Cluster.Cluster> cluster) : IDispenserLink
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
        return await cluster().RequestAsync<T>(DispenserGrain.Identity, DispenserGrain.Kind, message, timeout.Token);
    }
}
