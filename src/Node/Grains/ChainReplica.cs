using System.Globalization;
using System.Numerics;
using Beamchain.Node.Chain;
using Proto;
using Proto.Cluster;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Grains;

/// <summary>
/// A node's own copy of the chain (its <see cref="ChainState"/> over its store): stores and
/// prints each announced block, catching up from the announcer first when the parent is
/// unknown; serves <c>read</c> and peers' block and state requests; keeps the node's copy of
/// the pending queue. It syncs with every member when asked (at node start, by a chain grain
/// being re-activated, and by a member that found this one's chain has less work than its
/// own), adopting the valid chain with the most work. Invalid blocks are refused with their reason printed, never stored and never
/// passed on (replicas do not forward blocks). Local to each node, under <see cref="Name"/>.
/// Syncs run beside the mailbox (re-entrantly), so two replicas syncing from each other
/// still answer each other's reads.
/// <para>
/// A failed write to the store (a full disk) is handed to the <see cref="StoreFailure"/>, which
/// stops the node; from then on the replica refuses to store anything rather than half-store it.
/// </para>
/// </summary>
public sealed class ChainReplica(ChainState chain, PendingRequestStore pending, TextWriter output, ILogger log, Action<Block, JobSummary?> stored, StoreFailure? failure = null, TimeProvider? time = null) : IActor
{
    private readonly ReplicaLog _log = new(output, log);

    public const string Name = "replica";

    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(3);

    // A member that does not say where its tip is within this is skipped (it may be dead but not yet dropped).
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(1);

    // Long enough for a re-activated chain grain to finish its recovery.
    private static readonly TimeSpan SyncTimeoutForWake = TimeSpan.FromSeconds(30);

    // A block stamped too far ahead of this node's clock is tried again this long after it no longer would be.
    private static readonly TimeSpan HoldMargin = TimeSpan.FromSeconds(1);

    // A sync whose branch holds such blocks is tried again after this.
    private static readonly TimeSpan HoldRetry = TimeSpan.FromSeconds(15);

    private readonly ChainSync _sync = new(chain);

    // The sync with the members under way, if any: one at a time, since a second would fetch the same blocks again.
    private Task? _syncing;

    // The tip that sync is fetching and the members it fetches from (set off the actor's thread, read on it).
    private volatile SyncTarget? _target;

    private sealed record SyncTarget(string TipHash, BlockSources Sources);
    private readonly HashSet<Kernels.Header.Hash256> _summarized = [];
    private readonly HashSet<Kernels.Header.Hash256> _held = [];

    public Task ReceiveAsync(IContext context) => context.Message switch
    {
        BlockAnnounced announced => OnBlockAnnounced(context, announced),
        ReadBlocks read => OnReadBlocks(context, read),
        ReadHeaders read => OnReadHeaders(context, read),
        PendingQueue queue => OnPendingQueue(context, queue),
        Started => OnStarted(context),
        ClusterTopology topology => OnTopology(context, topology),
        ReplicaStateRequest => OnStateRequest(context),
        SyncWithMembers => OnSyncWithMembers(context),
        _ => Task.CompletedTask,
    };

    private Task OnStarted(IContext context)
    {
        context.System.EventStream.Subscribe<ClusterTopology>(context.System.Root, context.Self);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Members joined or left. A member that joins while a block is announced can miss it (the
    /// announcing member did not list it yet, or it did not list the announcer), and nothing
    /// else would bring that block until the next one: so on a join this replica syncs with the
    /// members, and a sync also tells members behind it to pull, which covers both sides.
    /// </summary>
    private Task OnTopology(IContext context, ClusterTopology topology)
    {
        if (topology.Joined.Any(m => m.Address != context.System.Address))
        {
            context.Send(context.Self, new SyncWithMembers());
            foreach (var joined in topology.Joined.Where(m => m.Address != context.System.Address))
            {
                OfferSource(context, joined.Address);
            }
        }

        return topology.Left.Count > 0 ? OnMembersLeft(context) : Task.CompletedTask;
    }

    /// <summary>
    /// A member that joined while this replica syncs serves windows of that sync too, when it
    /// holds the same tip: a node that starts before it has heard of every member still fetches
    /// from all of them.
    /// </summary>
    private void OfferSource(IContext context, string address)
    {
        if (_target is null)
        {
            return;
        }

        var asked = context.System.Root.RequestAsync<ReplicaState>(PID.FromAddress(address, Name), new ReplicaStateRequest(), StateTimeout);
        context.ReenterAfter(asked, task =>
        {
            if (task.IsCompletedSuccessfully && _target is { } target && target.TipHash == task.Result.TipHash
                && target.Sources.TryAdd(Peer(context, address)))
            {
                log.LogInformation($"chain: {address} joined with the same tip; the sync fetches from it too");
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// A member left: if this node's copy of the queue still holds requests, it wakes the
    /// chain grain (re-activating it on a live member if its host was the one that left),
    /// which recovers and resumes mining. Only this cluster's own members are contacted.
    /// </summary>
    private Task OnMembersLeft(IContext context)
    {
        if (pending.Load().Count > 0)
        {
            var woken = context.Cluster().RequestAsync<ChainStatus>(ChainGrain.Identity, ChainGrain.Kind, new ChainStatusRequest(), new CancellationTokenSource(SyncTimeoutForWake).Token);
            context.ReenterAfter(woken, _ => Task.CompletedTask);
        }

        return Task.CompletedTask;
    }

    private Task OnBlockAnnounced(IContext context, BlockAnnounced announced)
    {
        var source = announced.SourceAddress;
        if (!announced.Block.TryToBlock(out var block, out var error))
        {
            _log.RefusedBlock(source, error);
            Reply(context, new BlockStored { Stored = false, Message = error });
            return Task.CompletedTask;
        }

        if (!TryWrite(() => chain.TryAppend(block), out var update))
        {
            Reply(context, new BlockStored { Stored = false, Message = StoreFailedMessage });
            return Task.CompletedTask;
        }

        if (update.Outcome != ChainUpdateOutcome.UnknownParent || source.Length == 0)
        {
            Finish(context, announced, block, update);
            return Task.CompletedTask;
        }

        var catchUp = _sync.CatchUpAsync(Peer(context, source), block.Height - 1, block, CancellationToken.None);
        context.ReenterAfter(catchUp, task =>
        {
            if (task.Exception is { } e && failure?.TryReport(e) == true)
            {
                Reply(context, new BlockStored { Stored = false, Message = StoreFailedMessage });
                return Task.CompletedTask;
            }

            Finish(context, announced, block, task.IsCompletedSuccessfully ? task.Result : Unreachable(source, task));
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    private void Finish(IContext context, BlockAnnounced announced, Block block, ChainUpdate update)
    {
        var (summary, source) = (announced.Summary, announced.SourceAddress);
        Requeue(context, Report(update, source));
        if (IsHeld(update))
        {
            // Too new for this node's clock, not invalid: offered again once it no longer is, and
            // at least every HoldRetry, as the cluster's time may move meanwhile (a first reading
            // of the members' clocks, this system clock stepped). Said once per block.
            var wait = chain.Validator.TimeUntilNotTooFarAhead(block) + HoldMargin;
            if (_held.Add(block.Hash))
            {
                _log.HoldingBlock(block, source, wait);
            }

            context.ReenterAfter(Task.Delay(wait < HoldRetry ? wait : HoldRetry), () =>
            {
                context.Send(context.Self, announced);
                return Task.CompletedTask;
            });
        }
        else
        {
            _held.Remove(block.Hash);
        }

        foreach (var added in update.Added.Where(b => b.Hash != block.Hash))
        {
            stored(added, null);
        }

        // The block may have come first through a sync; its summary is still printed once.
        if (chain.TryGetHeight(block.Hash, out _))
        {
            if (summary is not null && _summarized.Add(block.Hash))
            {
                _log.Mined(block, summary);
            }

            stored(block, summary);
        }

        Reply(context, new BlockStored { Stored = update.Changed || update.Outcome == ChainUpdateOutcome.AlreadyKnown, Message = update.Message });
    }

    private const string StoreFailedMessage = "this node's store cannot be written (see its log); it is leaving the cluster";

    /// <summary>
    /// Runs a write to the store; false when it failed (or an earlier one did): the failure is
    /// reported and stops the node. Without a <see cref="StoreFailure"/> the exception goes up.
    /// </summary>
    private bool TryWrite<T>(Func<T> write, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T result)
    {
        result = default;
        if (failure?.HasFailed == true)
        {
            return false;
        }

        try
        {
            result = write();
            return true;
        }
        catch (Exception e) when (failure?.TryReport(e) == true)
        {
            return false;
        }
    }

    private static bool IsHeld(ChainUpdate update) => ReplicaLog.IsHeld(update);

    /// <summary>
    /// Prints what an update did (<see cref="ReplicaLog.Update"/>) and brings the pending queue's
    /// copy in line with the chain. Returns the requests whose block left the main chain (a
    /// reorganisation, e.g. after a partition healed): they are back in the copy, and
    /// <see cref="Requeue"/> sends them to the chain grain.
    /// </summary>
    private MineRequest[] Report(ChainUpdate update, string source, bool quiet = false)
    {
        _log.Update(update, source, quiet);
        var mined = update.Added.Select(b => b.RequestId).Where(id => id.Length > 0).ToHashSet();
        var unmined = update.Removed
            .Where(b => b.RequestId.Length > 0 && !mined.Contains(b.RequestId))
            .Select(b => new MineRequest { RequestId = b.RequestId, Data = b.Data })
            .ToArray();
        TryWrite(() => { pending.Update(mined, unmined); return true; }, out _);
        return unmined;
    }

    /// <summary>Sends requests whose block left the main chain back to the chain grain at once, so they are mined again without waiting for the grain's next activation.</summary>
    private void Requeue(IContext context, IEnumerable<MineRequest> unmined)
    {
        foreach (var request in unmined)
        {
            _log.Requeued(request);
            var requeued = context.Cluster().RequestAsync<MineAccepted>(ChainGrain.Identity, ChainGrain.Kind, request, new CancellationTokenSource(SyncTimeoutForWake).Token);
            context.ReenterAfter(requeued, task =>
            {
                _log.RequeueAnswered(request, task.IsCompletedSuccessfully ? task.Result : null, task.IsCompletedSuccessfully ? null : task.Exception?.GetBaseException().Message ?? "cancelled");
                return Task.CompletedTask;
            });
        }
    }

    /// <summary>Announcements also arrive without a sender (the chain grain tells the other members); only a request gets an answer.</summary>
    private static void Reply(IContext context, object message)
    {
        if (context.Sender is not null)
        {
            context.Respond(message);
        }
    }

    private Task OnReadBlocks(IContext context, ReadBlocks read)
    {
        var maxBytes = read.MaxBytes > 0 ? read.MaxBytes : long.MaxValue;
        var records = chain.GetRecords(read.FromHeight, Math.Max(0, read.Count), maxBytes);
        context.Respond(new BlockList { Records = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(records) });
        return Task.CompletedTask;
    }

    private Task OnReadHeaders(IContext context, ReadHeaders read)
    {
        var headers = chain.GetHeaders(read.FromHeight, Math.Clamp(read.Count, 0, ChainSync.HeaderBatch));
        context.Respond(new HeaderList { Headers = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(headers) });
        return Task.CompletedTask;
    }

    private Task OnPendingQueue(IContext context, PendingQueue queue)
    {
        var saved = TryWrite(() => { pending.Save(queue); return true; }, out _);
        context.Respond(new PendingQueueStored { Error = saved ? "" : StoreFailedMessage });
        return Task.CompletedTask;
    }

    private Task OnStateRequest(IContext context)
    {
        context.Respond(State(context.System.Address));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Asks every other member for its tip and its copy of the queue, adopts the chain of the
    /// one with the most work (the next one when that chain fails validation), and answers
    /// with the chain's height and every copy of the queue that came back, this node's included.
    /// </summary>
    private Task OnSyncWithMembers(IContext context)
    {
        if (_syncing is { } running)
        {
            // Asked again (a member joined, a chain grain woke) while syncing: sync again once this one
            // ends, with the members there are then, and answer from that.
            context.ReenterAfter(running, () => OnSyncWithMembers(context));
            return Task.CompletedTask;
        }

        var self = context.System.Address;
        var root = context.System.Root;
        var others = context.Cluster().MemberList.GetAllMembers().Where(m => m.Address != self).Select(m => m.Address).ToArray();
        var sync = SyncAsync(root, others);
        _syncing = sync;
        context.ReenterAfter(sync, task =>
        {
            _syncing = null;
            if (task.Exception is { } e)
            {
                failure?.TryReport(e);
            }

            var (states, unmined, held) = task.IsCompletedSuccessfully ? task.Result : ([], [], []);
            Requeue(context, unmined);
            foreach (var source in held)
            {
                _log.HoldingChain(source, HoldRetry);
                context.ReenterAfter(Task.Delay(HoldRetry), () =>
                {
                    context.Send(context.Self, new SyncWithMembers());
                    return Task.CompletedTask;
                });
            }

            if (context.Sender is not null)
            {
                var reply = new SyncedWithMembers { MembersAnswered = states.Count };
                reply.Pending.AddRange(pending.Load());
                reply.Pending.AddRange(states.SelectMany(s => s.Pending));
                context.Respond(reply);
            }

            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    /// <summary>Syncs from the member with the most work; returns every member's state, the requests a reorganisation took off the main chain, and the members whose chain holds blocks too new for this node's clock yet.</summary>
    private async Task<(List<ReplicaState> States, List<MineRequest> Unmined, List<string> Held)> SyncAsync(ISenderContext root, string[] others)
    {
        var asked = others.Select(async address =>
        {
            try
            {
                return await root.RequestAsync<ReplicaState>(PID.FromAddress(address, Name), new ReplicaStateRequest(), StateTimeout);
            }
            catch (Exception e) when (e is TimeoutException or DeadLetterException or OperationCanceledException)
            {
                return null;
            }
        });
        var states = (await Task.WhenAll(asked)).OfType<ReplicaState>().ToList();
        var unmined = new List<MineRequest>();
        var held = new List<string>();
        foreach (var state in states.OrderByDescending(Work))
        {
            if (Work(state) <= chain.TotalWork)
            {
                break;
            }

            // Headers from the member with the most work; blocks from every member on the same tip.
            var sources = new BlockSources(states.Where(s => s.TipHash == state.TipHash).OrderBy(s => s.Address != state.Address).Select(s => (IBlockSource)Peer(root, s.Address)));
            var progress = new SyncProgress(output, time ?? TimeProvider.System);
            ChainUpdate update;
            _target = new SyncTarget(state.TipHash, sources);
            try
            {
                update = await _sync.CatchUpAsync(sources, state.Height, null, Adopted, progress.Report, CancellationToken.None);
            }
            catch (Exception e) when (e is TimeoutException or DeadLetterException or OperationCanceledException)
            {
                update = new ChainUpdate(ChainUpdateOutcome.UnknownParent, $"could not fetch blocks from {state.Address}: {e.Message}");
            }
            finally
            {
                _target = null;
            }

            progress.Finish(chain.Height);
            if (IsHeld(update))
            {
                held.Add(state.Address);
            }

            if (!update.Changed)
            {
                unmined.AddRange(Report(update, state.Address));
            }
            else
            {
                _log.Reorganized(update);
            }

            if (update.Changed)
            {
                break;
            }

            void Adopted(ChainUpdate piece)
            {
                // A few blocks print as new blocks (a node back from a pause shows the blocks it missed); more show as sync progress.
                unmined.AddRange(Report(piece with { Outcome = ChainUpdateOutcome.Extended }, state.Address, quiet: piece.Added.Count > ReplicaLog.ManyBlocks));
                foreach (var block in piece.Added)
                {
                    stored(block, null);
                }
            }
        }

        // Members behind this chain pull from it too, so both sides of a healed partition converge.
        foreach (var state in states.Where(s => Work(s) < chain.TotalWork))
        {
            root.Send(PID.FromAddress(state.Address, Name), new SyncWithMembers());
        }

        return (states, unmined, held);
    }

    private ReplicaState State(string address)
    {
        var tip = chain.Tip;
        var state = new ReplicaState { Address = address, Height = tip.Height, TipHash = tip.Hash.ToHex(), TotalWork = chain.TotalWork.ToString(CultureInfo.InvariantCulture) };
        state.Pending.AddRange(pending.Load());
        return state;
    }

    private static BigInteger Work(ReplicaState state) =>
        BigInteger.TryParse(state.TotalWork, NumberStyles.None, CultureInfo.InvariantCulture, out var work) ? work : BigInteger.Zero;

    private static PeerBlockSource Peer(IContext context, string address) => Peer(context.System.Root, address);

    private static PeerBlockSource Peer(ISenderContext sender, string address) => new(sender, address, PeerTimeout);

    private static ChainUpdate Unreachable(string source, Task task) =>
        new(ChainUpdateOutcome.UnknownParent, $"could not fetch missing blocks from {source}: {task.Exception?.GetBaseException().Message ?? "cancelled"}");
}
