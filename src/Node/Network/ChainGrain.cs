using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Beamchain.Node.Mining;
using Google.Protobuf;
using Proto;
using Proto.Cluster;

namespace Beamchain.Node.Network;

/// <summary>
/// The authority on the tip (cluster kind <see cref="Kind"/>, one identity): queues
/// <c>mine</c> requests first in first out and mines one block per request, in order, by
/// handing the head's template to the dispenser; stores each solved block through its
/// host's replica, which validates it, then announces it to every other member.
/// <para>
/// Nothing acknowledged is lost or mined twice, whichever member dies:
/// </para>
/// <list type="number">
/// <item>A request is acknowledged only once the whole queue is on disk on the host and on at
/// least one other member (when there is one), so one crash never takes the only copy.</item>
/// <item>Each block carries the id of the request it answers (<see cref="Block.RequestId"/>),
/// stored and sent with it, so "already mined" is a lookup in the chain.</item>
/// <item>On activation (first start, or re-activation after its host left or died) the grain
/// has its host's replica sync with every member: the replica adopts the valid chain with
/// the most work and returns every member's copy of the queue. The grain's queue is their
/// union, ordered by the sequence numbers it gave, minus every request a main-chain block
/// already answers; it is written back to the members before mining resumes.</item>
/// <item>Before a job starts and before a solution is stored, a head that the chain already
/// answers is dropped instead of mined again.</item>
/// <item>While a job runs, the grain checks each second that the dispenser still has it, and
/// starts it again (a fresh template) on a dispenser re-activated elsewhere. A grain whose
/// host died is re-activated by the first member that still holds queued requests when it
/// sees a member leave.</item>
/// <item>A solution for a job the grain did not start (the grain moved while the dispenser
/// kept mining) is taken when it extends the tip with the head's data.</item>
/// </list>
/// </summary>
public sealed class ChainGrain(ChainState chain, PendingRequestStore pending, TextWriter log, StoreFailure? storeFailure = null) : IActor
{
    public const string Kind = "chain";
    public const string Identity = "chain";

    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan DispenserTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan JobCheckInterval = TimeSpan.FromSeconds(1);

    private MineQueue _queue = new([]);
    private string? _jobId;
    private int _jobCounter;

    // Job ids differ between activations, so a miner never mistakes a fresh template for an old one.
    private readonly string _activation = Guid.NewGuid().ToString("N")[..8];

    public Task ReceiveAsync(IContext context) => context.Message switch
    {
        Started => OnStartedAsync(context),
        MineRequest request => OnMineAsync(context, request),
        JobSolved solved => OnJobSolvedAsync(context, solved),
        JobCheck check => OnJobCheckAsync(context, check.JobId),
        ChainStatusRequest => OnStatus(context),
        _ => Task.CompletedTask,
    };

    private async Task OnStartedAsync(IContext context)
    {
        IEnumerable<MineRequest> copies;
        var answered = 0;
        try
        {
            var synced = await context.RequestAsync<SyncedWithMembers>(LocalReplica(context), new SyncWithMembers(), SyncTimeout);
            (copies, answered) = (synced.Pending, synced.MembersAnswered);
        }
        catch (Exception e) when (e is TimeoutException or DeadLetterException)
        {
            log.WriteLine($"chain: could not sync with the members ({e.GetType().Name}); starting from this node's copy of the queue");
            copies = pending.Load();
        }

        _queue = MineQueue.Recover(copies, IsMined);
        log.WriteLine($"chain: active on {context.System.Address} at block {chain.Height}; {_queue.Count} request(s) queued (copies from {answered} other member(s))");
        if (_queue.Count > 0)
        {
            await ReplicateQueueAsync(context);
        }

        await StartNextJobAsync(context);
    }

    private async Task OnMineAsync(IContext context, MineRequest request)
    {
        if (!Block.TryCheckData(request.Data, out var error))
        {
            context.Respond(new MineAccepted { RequestId = request.RequestId, Error = error });
            return;
        }

        if (storeFailure?.HasFailed == true)
        {
            context.Respond(new MineAccepted { RequestId = request.RequestId, Error = "the chain grain's host cannot write its store and is leaving the cluster; try again in a few seconds" });
            return;
        }

        if (IsMined(request.RequestId))
        {
            context.Respond(new MineAccepted { RequestId = request.RequestId, Place = 0 });
            return;
        }

        var place = _queue.Enqueue(request);
        if (!await ReplicateQueueAsync(context))
        {
            _queue.Remove(request.RequestId);
            // A member may have written the copy without confirming it in time: the outcome is open, not a refusal.
            context.Respond(new MineAccepted { RequestId = request.RequestId, Error = "the request could not be confirmed on two members", Indeterminate = true });
            return;
        }

        context.Respond(new MineAccepted { RequestId = request.RequestId, Place = place });
        await StartNextJobAsync(context);
    }

    /// <summary>
    /// Sends the queue to every member's replica; true when the host's own copy is on disk and,
    /// if there are other members, at least one of theirs.
    /// </summary>
    private async Task<bool> ReplicateQueueAsync(IContext context)
    {
        var queue = _queue.ToMessage();
        var self = context.System.Address;
        var members = context.Cluster().MemberList.GetAllMembers().Select(m => m.Address).Append(self).Distinct().ToArray();
        var answers = members
            .Select(async address =>
            {
                try
                {
                    var stored = await context.RequestAsync<PendingQueueStored>(PID.FromAddress(address, ChainReplica.Name), queue, ReplicaTimeout);
                    if (stored.Error.Length > 0)
                    {
                        log.WriteLine($"chain: member {address} did not store the pending queue: {stored.Error}");
                    }

                    return (Address: address, Stored: stored.Error.Length == 0);
                }
                catch (Exception e) when (e is TimeoutException or DeadLetterException)
                {
                    log.WriteLine($"chain: member {address} did not store the pending queue ({e.GetType().Name})");
                    return (Address: address, Stored: false);
                }
            })
            .ToArray();
        var results = await Task.WhenAll(answers);
        return results.Any(r => r.Stored && r.Address == self) && (members.Length == 1 || results.Any(r => r.Stored && r.Address != self));
    }

    private async Task StartNextJobAsync(IContext context)
    {
        _queue.DropMinedHead(IsMined);
        if (_jobId is not null || _queue.Head is not { } head || storeFailure?.HasFailed == true)
        {
            // A host that cannot store blocks mines none: the grain re-activates elsewhere once the host has left.
            return;
        }

        var tip = chain.Tip;
        if (_jobCounter == 0 && await RunningJobAsync(context, $"{tip.Height + 1}-{head.RequestId}-") is { } running)
        {
            // Re-activated while the dispenser still mines the head on this tip: keep that job and its work.
            _jobId = running;
            _jobCounter++;
            log.WriteLine($"chain: the dispenser is already mining {running}; carrying on with it");
            ScheduleJobCheck(context, running);
            return;
        }

        // The dispenser replaces the bits with the target it picks for the cluster's rate.
        var template = chain.CreateTemplate(head.Data, tip.Header.Bits);
        var jobId = $"{template.Height}-{head.RequestId}-{_activation}-{++_jobCounter}";
        var start = new StartJob { JobId = jobId, Header = ByteString.CopyFrom(template.ToBytes()), Parent = WireBlock.From(tip) };
        _jobId = jobId;
        try
        {
            using var timeout = new CancellationTokenSource(DispenserTimeout);
            await context.Cluster().RequestAsync<StartJobAck>(DispenserGrain.Identity, DispenserGrain.Kind, start, timeout.Token);
            ScheduleJobCheck(context, jobId);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            log.WriteLine($"chain: the dispenser did not take job {jobId} ({e.GetType().Name}); retrying");
            _jobId = null;
            context.ReenterAfter(Task.Delay(RetryDelay), () => StartNextJobAsync(context));
        }
    }

    /// <summary>
    /// While a job runs, the grain checks every <see cref="JobCheckInterval"/> that the
    /// dispenser still has it: a dispenser re-activated on another member (its host left or
    /// died) has none, and gets the job again as a fresh template.
    /// </summary>
    private async Task OnJobCheckAsync(IContext context, string jobId)
    {
        if (_jobId != jobId)
        {
            return; // that job is over; its successor has its own checks
        }

        try
        {
            using var timeout = new CancellationTokenSource(DispenserTimeout);
            var status = await context.Cluster().RequestAsync<DispenserStatus>(DispenserGrain.Identity, DispenserGrain.Kind, new DispenserStatusRequest(), timeout.Token);
            if (status is null || status.JobId == jobId || _jobId != jobId)
            {
                ScheduleJobCheck(context, jobId);
                return;
            }

            log.WriteLine($"chain: the dispenser on {status.Host} does not have job {jobId}; starting it again");
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            ScheduleJobCheck(context, jobId); // the dispenser is moving: ask again
            return;
        }

        _jobId = null;
        await StartNextJobAsync(context);
    }

    /// <summary>The dispenser's current job when its id starts with <paramref name="prefix"/>; null when not, or when it does not answer.</summary>
    private static async Task<string?> RunningJobAsync(IContext context, string prefix)
    {
        try
        {
            using var timeout = new CancellationTokenSource(DispenserTimeout);
            var status = await context.Cluster().RequestAsync<DispenserStatus>(DispenserGrain.Identity, DispenserGrain.Kind, new DispenserStatusRequest(), timeout.Token);
            return status?.JobId is { Length: > 0 } id && id.StartsWith(prefix, StringComparison.Ordinal) ? id : null;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            return null;
        }
    }

    private void ScheduleJobCheck(IContext context, string jobId) =>
        context.ReenterAfter(Task.Delay(JobCheckInterval), () =>
        {
            context.Send(context.Self, new JobCheck { JobId = jobId });
            return Task.CompletedTask;
        });

    private async Task OnJobSolvedAsync(IContext context, JobSolved solved)
    {
        _queue.DropMinedHead(IsMined);
        var header = solved.Header.Length == BlockHeader.Size ? BlockHeader.Decode(solved.Header.Span) : null;
        if (_queue.Head is not { } head || header is null || !Answers(header, head))
        {
            context.Respond(new JobSolvedAck { Accepted = false, Message = $"job {solved.JobId} is not the current job" });
            return;
        }

        var announcement = new BlockAnnounced
        {
            Block = new WireBlock { Header = solved.Header, Data = head.Data, RequestId = head.RequestId },
            OriginNode = head.OriginNode,
            Summary = solved.Summary,
            SourceAddress = context.System.Address,
        };
        BlockStored stored;
        try
        {
            stored = await context.RequestAsync<BlockStored>(LocalReplica(context), announcement, ReplicaTimeout);
        }
        catch (Exception e) when (e is TimeoutException or DeadLetterException)
        {
            stored = new BlockStored { Stored = false, Message = $"this node's replica did not answer ({e.GetType().Name})" };
        }

        _jobId = null;
        if (!stored.Stored)
        {
            log.WriteLine($"chain: solution for job {solved.JobId} refused: {stored.Message}; mining the request again");
            context.Respond(new JobSolvedAck { Accepted = false, Message = stored.Message });
            await StartNextJobAsync(context);
            return;
        }

        foreach (var member in context.Cluster().MemberList.GetOtherMembers())
        {
            context.Send(PID.FromAddress(member.Address, ChainReplica.Name), announcement);
        }

        _queue.Remove(head.RequestId);
        context.Respond(new JobSolvedAck { Accepted = true, Message = stored.Message });
        await StartNextJobAsync(context);
    }

    /// <summary>True when <paramref name="header"/> is a child of the tip holding <paramref name="head"/>'s data: the current job's block, whichever grain started it.</summary>
    private bool Answers(BlockHeader header, MineRequest head)
    {
        var tip = chain.Tip;
        return header.Height == tip.Height + 1 && header.PreviousHash == tip.Hash && header.DataHash == BlockHeader.HashData(head.Data);
    }

    private bool IsMined(string requestId) => chain.TryGetRequestHeight(requestId, out _);

    private static PID LocalReplica(IContext context) => PID.FromAddress(context.System.Address, ChainReplica.Name);

    private Task OnStatus(IContext context)
    {
        var tip = chain.Tip;
        context.Respond(new ChainStatus { Height = tip.Height, TipHash = tip.Hash.ToHex(), Pending = { _queue.Requests }, CurrentJob = _jobId ?? "", Host = context.System.Address });
        return Task.CompletedTask;
    }
}
