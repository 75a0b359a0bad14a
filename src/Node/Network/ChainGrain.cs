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
/// <item>A solution for a job the grain did not start (the grain moved while the dispenser
/// kept mining) is taken when it extends the tip with the head's data.</item>
/// </list>
/// </summary>
public sealed class ChainGrain(ChainState chain, PendingRequestStore pending, TextWriter log) : IActor
{
    public const string Kind = "chain";
    public const string Identity = "chain";

    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan DispenserTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private MineQueue _queue = new([]);
    private string? _jobId;
    private int _jobCounter;

    public Task ReceiveAsync(IContext context) => context.Message switch
    {
        Started => OnStartedAsync(context),
        MineRequest request => OnMineAsync(context, request),
        JobSolved solved => OnJobSolvedAsync(context, solved),
        DispenserActivated activated => OnDispenserActivatedAsync(context, activated),
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

        if (IsMined(request.RequestId))
        {
            context.Respond(new MineAccepted { RequestId = request.RequestId, Place = 0 });
            return;
        }

        var place = _queue.Enqueue(request);
        if (!await ReplicateQueueAsync(context))
        {
            _queue.Remove(request.RequestId);
            context.Respond(new MineAccepted { RequestId = request.RequestId, Error = "the request could not be stored durably on two members; try again" });
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
                    await context.RequestAsync<PendingQueueStored>(PID.FromAddress(address, ChainReplica.Name), queue, ReplicaTimeout);
                    return (Address: address, Stored: true);
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
        if (_jobId is not null || _queue.Head is not { } head)
        {
            return;
        }

        var tip = chain.Tip;
        // The dispenser replaces the bits with the target it picks for the cluster's rate.
        var template = chain.CreateTemplate(head.Data, tip.Header.Bits);
        var jobId = $"{template.Height}-{head.RequestId}-{++_jobCounter}";
        var start = new StartJob { JobId = jobId, Header = ByteString.CopyFrom(template.ToBytes()), Parent = WireBlock.From(tip) };
        _jobId = jobId;
        try
        {
            using var timeout = new CancellationTokenSource(DispenserTimeout);
            await context.Cluster().RequestAsync<StartJobAck>(DispenserGrain.Identity, DispenserGrain.Kind, start, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            log.WriteLine($"chain: the dispenser did not take job {jobId} ({e.GetType().Name}); retrying");
            _jobId = null;
            context.ReenterAfter(Task.Delay(RetryDelay), () => StartNextJobAsync(context));
        }
    }

    /// <summary>A dispenser that (re-)activated without our job gets it again, as a fresh template.</summary>
    private async Task OnDispenserActivatedAsync(IContext context, DispenserActivated activated)
    {
        context.Respond(new DispenserActivatedAck());
        if (_jobId is null)
        {
            await StartNextJobAsync(context);
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(DispenserTimeout);
            var status = await context.Cluster().RequestAsync<DispenserStatus>(DispenserGrain.Identity, DispenserGrain.Kind, new DispenserStatusRequest(), timeout.Token);
            if (status is null || status.JobId == _jobId)
            {
                return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Unknown: start the job again, which at worst wastes the work done on it so far.
        }

        log.WriteLine($"chain: the dispenser on {activated.Host} lost job {_jobId}; starting it again");
        _jobId = null;
        await StartNextJobAsync(context);
    }

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
