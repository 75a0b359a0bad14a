using Beamchain.Node.Mining;
using Proto.Cluster;

namespace Beamchain.Node.Grains;

/// <summary>
/// The dispenser grain, wherever the cluster placed it, reached through <paramref name="cluster"/>
/// (a node's current membership: a new one after the node rejoins). Each request has the same
/// deadline, and a request Proto.Cluster gave up on without an answer is a <see cref="TimeoutException"/>.
/// Leases and their reports are counted in <paramref name="tally"/> when one is given (the node's
/// own link, which its miners and gateway share).
/// </summary>
public sealed class DispenserClient(Func<Proto.Cluster.Cluster> cluster, LeaseTally? tally = null) : IDispenserClient
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<LeaseReply> RequestLeaseAsync(LeaseRequest request, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync<LeaseReply>(request, cancellationToken);
        tally?.Count(reply);
        return reply;
    }

    public async Task<LeaseReportReply> ReportAsync(LeaseReport report, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync<LeaseReportReply>(report, cancellationToken);
        tally?.Count(reply);
        return reply;
    }

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
