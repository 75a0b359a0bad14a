using Beamchain.Node.Mining;
using Proto.Cluster;

namespace Beamchain.Node.Grains;

/// <summary>
/// The dispenser grain, wherever the cluster placed it, reached through <paramref name="cluster"/>
/// (a node's current membership: a new one after the node rejoins). Each request has the same
/// deadline, and a request Proto.Cluster gave up on without an answer is a <see cref="TimeoutException"/>.
/// </summary>
public sealed class DispenserClient(Func<Proto.Cluster.Cluster> cluster) : IDispenserClient
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public Task<LeaseReply> RequestLeaseAsync(LeaseRequest request, CancellationToken cancellationToken) =>
        RequestAsync<LeaseReply>(request, cancellationToken);

    public Task<LeaseReportReply> ReportAsync(LeaseReport report, CancellationToken cancellationToken) =>
        RequestAsync<LeaseReportReply>(report, cancellationToken);

    public Task<StartJobAck> StartJobAsync(StartJob start, CancellationToken cancellationToken) =>
        RequestAsync<StartJobAck>(start, cancellationToken);

    public Task<DispenserStatus> StatusAsync(CancellationToken cancellationToken) =>
        RequestAsync<DispenserStatus>(new DispenserStatusRequest(), cancellationToken);

    private async Task<T> RequestAsync<T>(Google.Protobuf.IMessage message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        return await cluster().RequestAsync<T>(DispenserGrain.Identity, DispenserGrain.Kind, message, timeout.Token)
            ?? throw new TimeoutException($"the dispenser did not answer a {message.Descriptor.Name} within {Timeout.TotalSeconds:0} s");
    }
}
