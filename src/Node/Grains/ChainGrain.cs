using Beamchain.Node.Chain;
using Proto;
using Proto.Cluster;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Grains;

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
public sealed class ChainGrain(ChainState chain, PendingRequestStore pending, ILogger log, StoreFailure? storeFailure = null) : IActor
{
    public const string Kind = "chain";
    public const string Identity = "chain";

    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan JobCheckInterval = TimeSpan.FromSeconds(1);

    private JobDriver _jobs = null!;

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
        var system = context.System;
        _jobs = new JobDriver(chain, new DispenserClient(() => system.Cluster()), log, storeFailure);
        IEnumerable<MineRequest> copies;
        var answered = 0;
        try
        {
            var synced = await context.RequestAsync<SyncedWithMembers>(LocalReplica(context), new SyncWithMembers(), SyncTimeout);
            (copies, answered) = (synced.Pending, synced.MembersAnswered);
        }
        catch (Exception e) when (e is TimeoutException or DeadLetterException)
        {
            log.LogWarning($"chain: could not sync with the members ({e.GetType().Name}); starting from this node's copy of the queue");
            copies = pending.Load();
        }

        _jobs.Recover(copies);
        log.LogInformation($"chain: active on {context.System.Address} at block {chain.Height}; {_jobs.Queue.Count} request(s) queued (copies from {answered} other member(s))");
        if (_jobs.Queue.Count > 0)
        {
            await ReplicateQueueAsync(context);
        }

        Follow(context, await _jobs.StartNextAsync());
    }

    private async Task OnMineAsync(IContext context, MineRequest request)
    {
        if (_jobs.AnswerWithoutQueueing(request) is { } answer)
        {
            context.Respond(answer);
            return;
        }

        var place = _jobs.Enqueue(request);
        if (!await ReplicateQueueAsync(context))
        {
            _jobs.Withdraw(request.RequestId);
            // A member may have written the copy without confirming it in time: the outcome is open, not a refusal.
            context.Respond(new MineAccepted { RequestId = request.RequestId, Error = "the request could not be confirmed on two members", Indeterminate = true });
            return;
        }

        context.Respond(new MineAccepted { RequestId = request.RequestId, Place = place });
        Follow(context, await _jobs.StartNextAsync());
    }

    /// <summary>
    /// Sends the queue to every member's replica; true when the host's own copy is on disk and,
    /// if there are other members, at least one of theirs.
    /// </summary>
    private async Task<bool> ReplicateQueueAsync(IContext context)
    {
        var queue = _jobs.Queue.ToMessage();
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
                        log.LogWarning($"chain: member {address} did not store the pending queue: {stored.Error}");
                    }

                    return (Address: address, Stored: stored.Error.Length == 0);
                }
                catch (Exception e) when (e is TimeoutException or DeadLetterException)
                {
                    log.LogWarning($"chain: member {address} did not store the pending queue ({e.GetType().Name})");
                    return (Address: address, Stored: false);
                }
            })
            .ToArray();
        var results = await Task.WhenAll(answers);
        return results.Any(r => r.Stored && r.Address == self) && (members.Length == 1 || results.Any(r => r.Stored && r.Address != self));
    }

    /// <summary>While a job runs, the grain asks every <see cref="JobCheckInterval"/> whether the dispenser still has it (see <see cref="JobDriver.CheckAsync"/>).</summary>
    private async Task OnJobCheckAsync(IContext context, string jobId) => Follow(context, await _jobs.CheckAsync(jobId));

    /// <summary>Does what the driver asked for next: watch a job, or try starting one again after a pause.</summary>
    private void Follow(IContext context, JobStep step)
    {
        if (step.WatchJobId is { } jobId)
        {
            context.ReenterAfter(Task.Delay(JobCheckInterval), () =>
            {
                context.Send(context.Self, new JobCheck { JobId = jobId });
                return Task.CompletedTask;
            });
        }
        else if (step.RetryLater)
        {
            context.ReenterAfter(Task.Delay(RetryDelay), async () => Follow(context, await _jobs.StartNextAsync()));
        }
    }

    private async Task OnJobSolvedAsync(IContext context, JobSolved solved)
    {
        if (_jobs.Announcement(solved, context.System.Address, out var refusal) is not { } announcement)
        {
            context.Respond(new JobSolvedAck { Accepted = false, Message = refusal });
            return;
        }

        BlockStored stored;
        try
        {
            stored = await context.RequestAsync<BlockStored>(LocalReplica(context), announcement, ReplicaTimeout);
        }
        catch (Exception e) when (e is TimeoutException or DeadLetterException)
        {
            stored = new BlockStored { Stored = false, Message = $"this node's replica did not answer ({e.GetType().Name})" };
        }

        if (stored.Stored)
        {
            foreach (var member in context.Cluster().MemberList.GetOtherMembers())
            {
                context.Send(PID.FromAddress(member.Address, ChainReplica.Name), announcement);
            }
        }

        _jobs.Settle(solved, announcement, stored);
        context.Respond(new JobSolvedAck { Accepted = stored.Stored, Message = stored.Message });
        Follow(context, await _jobs.StartNextAsync());
    }

    private static PID LocalReplica(IContext context) => PID.FromAddress(context.System.Address, ChainReplica.Name);

    private Task OnStatus(IContext context)
    {
        context.Respond(_jobs.Status(context.System.Address));
        return Task.CompletedTask;
    }
}
