using Beamchain.Node.Chain;
using Beamchain.Node.Mining;
using Google.Protobuf;
using Proto;
using Proto.Cluster;

namespace Beamchain.Node.Network;

/// <summary>
/// The authority on the tip (cluster kind <see cref="Kind"/>, one identity): queues
/// <c>mine</c> requests first in first out, acknowledging each once every member's replica
/// holds the queue on disk; mines one block per request in order by handing the head's
/// template to the dispenser; stores each solved block through its host's replica, which
/// validates it, then announces it to every other member.
/// </summary>
public sealed class ChainGrain(ChainState chain, PendingRequestStore pending, TextWriter log) : IActor
{
    public const string Kind = "chain";
    public const string Identity = "chain";

    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromSeconds(2);
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
        ChainStatusRequest => OnStatus(context),
        _ => Task.CompletedTask,
    };

    private async Task OnStartedAsync(IContext context)
    {
        // Re-activated on this member: the queue is the copy every replica was given.
        _queue = new MineQueue(pending.Load());
        await StartNextJobAsync(context);
    }

    private async Task OnMineAsync(IContext context, MineRequest request)
    {
        if (!Block.TryCheckData(request.Data, out var error))
        {
            context.Respond(new MineAccepted { RequestId = request.RequestId, Error = error });
            return;
        }

        var place = _queue.Enqueue(request);
        var replicated = await ReplicateQueueAsync(context);
        if (!replicated)
        {
            _queue.Remove(request.RequestId);
            context.Respond(new MineAccepted { RequestId = request.RequestId, Error = "the request could not be stored durably on the chain grain's host; try again" });
            return;
        }

        context.Respond(new MineAccepted { RequestId = request.RequestId, Place = place });
        await StartNextJobAsync(context);
    }

    /// <summary>Sends the queue to every member's replica; true when at least the host's own copy is on disk.</summary>
    private async Task<bool> ReplicateQueueAsync(IContext context)
    {
        var queue = _queue.ToMessage();
        var self = context.System.Address;
        var answers = context.Cluster().MemberList.GetAllMembers()
            .Select(async member =>
            {
                try
                {
                    await context.RequestAsync<PendingQueueStored>(PID.FromAddress(member.Address, ChainReplica.Name), queue, ReplicaTimeout);
                    return (member.Address, Stored: true);
                }
                catch (Exception e) when (e is TimeoutException or DeadLetterException)
                {
                    log.WriteLine($"chain: member {member.Address} did not store the pending queue ({e.GetType().Name})");
                    return (member.Address, Stored: false);
                }
            })
            .ToArray();
        var results = await Task.WhenAll(answers);
        return results.Any(r => r.Stored && r.Address == self);
    }

    private async Task StartNextJobAsync(IContext context)
    {
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

    private async Task OnJobSolvedAsync(IContext context, JobSolved solved)
    {
        if (solved.JobId != _jobId || _queue.Head is not { } head)
        {
            context.Respond(new JobSolvedAck { Accepted = false, Message = $"job {solved.JobId} is not the current job" });
            return;
        }

        var announcement = new BlockAnnounced
        {
            Block = new WireBlock { Header = solved.Header, Data = head.Data },
            RequestId = head.RequestId,
            OriginNode = head.OriginNode,
            Summary = solved.Summary,
            SourceAddress = context.System.Address,
        };
        var stored = await context.RequestAsync<BlockStored>(PID.FromAddress(context.System.Address, ChainReplica.Name), announcement, ReplicaTimeout);
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

    private Task OnStatus(IContext context)
    {
        var tip = chain.Tip;
        context.Respond(new ChainStatus { Height = tip.Height, TipHash = tip.Hash.ToHex(), Pending = { _queue.Requests }, CurrentJob = _jobId ?? "" });
        return Task.CompletedTask;
    }
}
