using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Beamchain.Node.Mining;
using Proto;
using Proto.Cluster;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Grains;

/// <summary>
/// The nonce dispenser (cluster kind <see cref="Kind"/>, one identity): routes job starts,
/// lease requests and reports to <see cref="Dispenser"/>; picks each job's target from the
/// chain's <see cref="DifficultyPolicy"/> and the cluster's measured rate; tells every member
/// when a job starts and ends; passes verified solutions to the chain grain.
/// </summary>
public sealed class DispenserGrain(Dispenser dispenser, DifficultyPolicy policy, TimeSpan blockTime, TimeProvider time, ILogger log) : IActor
{
    public const string Kind = "dispenser";
    public const string Identity = "dispenser";

    private static readonly TimeSpan ChainTimeout = TimeSpan.FromSeconds(10);

    private ulong _height;
    private string _requestId = "";
    private long _startedAt;

    public Task ReceiveAsync(IContext context) => context.Message switch
    {
        StartJob start => OnStartJob(context, start),
        LeaseRequest request => OnLease(context, request),
        LeaseReport report => OnReport(context, report),
        DispenserStatusRequest => OnStatus(context),
        _ => Task.CompletedTask,
    };

    private Task OnStartJob(IContext context, StartJob start)
    {
        if (!start.Parent.TryToBlock(out var parent, out var error))
        {
            throw new InvalidOperationException($"the chain grain sent a malformed parent block: {error}");
        }

        var bits = policy.NextBits(parent, dispenser.ClusterRate, blockTime);
        var header = BlockHeader.Decode(start.Header.Span) with { Bits = bits };
        dispenser.Start(Dispenser.CreateJob(start.JobId, header, CompactTarget.Decode(bits)));
        (_height, _requestId, _startedAt) = (header.Height, start.RequestId, time.GetTimestamp());
        context.Respond(new StartJobAck());
        context.Cluster().MemberList.BroadcastEvent(new JobAnnounced { JobId = start.JobId }, includeSelf: true);
        return Task.CompletedTask;
    }

    private Task OnLease(IContext context, LeaseRequest request)
    {
        var (reply, lease) = dispenser.Lease(request);
        context.Respond(reply);
        if (lease?.Reissued is { } returned)
        {
            log.LogInformation($"dispenser: issued nonces {returned.Range.Start}..{returned.Range.Start + returned.Range.Count - 1} again to {lease.Node}, from {returned.FromNode}'s {returned.Why} lease");
        }

        return Task.CompletedTask;
    }

    private Task OnReport(IContext context, LeaseReport report)
    {
        var (reply, solved) = dispenser.Report(report);
        context.Respond(reply);
        if (report.HandedBack && solved is null && reply.Outcome == ReportOutcome.ReportAccepted)
        {
            log.LogInformation($"dispenser: {report.Node} handed back lease {report.LeaseId} after {report.Hashed} nonces; the rest is issued again next");
        }

        if (solved is null)
        {
            return Task.CompletedTask;
        }

        // Miners drop the job's work now, before the chain grain has even stored the block.
        context.Cluster().MemberList.BroadcastEvent(new JobEnded { JobId = solved.JobId }, includeSelf: true);
        var message = new JobSolved { JobId = solved.JobId, Header = Google.Protobuf.ByteString.CopyFrom(solved.Header.ToBytes()), Summary = JobSummary.From(solved) };
        var cancel = new CancellationTokenSource(ChainTimeout);
        var delivered = context.Cluster().RequestAsync<JobSolvedAck>(ChainGrain.Identity, ChainGrain.Kind, message, cancel.Token);
        context.ReenterAfter(delivered, task =>
        {
            cancel.Dispose();
            if (task.IsFaulted || task.IsCanceled || task.Result is not { Accepted: true })
            {
                var why = task.IsCompletedSuccessfully ? task.Result?.Message : task.Exception?.GetBaseException().Message ?? "timed out";
                log.LogWarning($"dispenser: the chain grain did not take the solution of job {solved.JobId}: {why}");
            }

            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    private Task OnStatus(IContext context)
    {
        var status = new DispenserStatus { ClusterRate = dispenser.ClusterRate, Host = context.System.Address };
        status.MinerRates.AddRange(dispenser.RecentRates.Select(r => new MinerRate { Node = r.Node, Miner = r.Miner, Rate = r.Rate }));
        if (dispenser.CurrentJob is { } job && dispenser.CurrentFigures is { } figures)
        {
            status.JobId = job.JobId;
            status.Height = _height;
            status.RequestId = _requestId;
            status.Issued = figures.Issued;
            status.Completed = figures.Completed;
            status.Reissued = figures.Reissued;
            status.Duplicated = figures.Duplicated;
            status.OpenLeases = dispenser.OpenLeases.Count;
            status.Seconds = time.GetElapsedTime(_startedAt).TotalSeconds;
            status.Nodes.AddRange(figures.HashesPerNode.Select(p => new NodeNonces { Node = p.Key, Nonces = p.Value }));
            status.OpenByNode.AddRange(dispenser.OpenLeases
                .GroupBy(l => l.Node)
                .Select(g => new NodeNonces { Node = g.Key, Nonces = g.Aggregate(0UL, (sum, l) => sum + l.Range.Count), Leases = (uint)g.Count() }));
        }

        context.Respond(status);
        return Task.CompletedTask;
    }
}
