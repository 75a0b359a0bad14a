using System.Collections.Concurrent;
using System.Net;
using Beamchain.Kernels.Search;
using Beamchain.Node.Chain;
using Beamchain.Node.Clock;
using Beamchain.Node.Grains;
using Beamchain.Node.Healing;
using Beamchain.Node.Mining;
using Beamchain.Node.Secret;
using Beamchain.Node.Text;
using Proto;
using Proto.Cluster;
using Proto.Cluster.Gossip;
using Proto.Cluster.Partition;
using Proto.Remote;
using Proto.Remote.GrpcNet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beamchain.Node.Cluster;

/// <summary>
/// One running node: an actor system on Proto.Remote's gRPC transport, a member of the
/// Proto.Cluster named in the settings (kinds <c>chain</c> and <c>dispenser</c>, placed by
/// partition identity lookup), its chain replica, and one miner per device. The shell and
/// the tests drive a node through this type.
/// <para>
/// A member the others dropped (blocked after a pause or a partition, or gone from its own
/// member list) cannot come back under the same identity: Proto.Cluster blocks a member id
/// for good. So the node watches for that (<see cref="MemberWatchdog"/>), says so on one line,
/// shuts that membership down and joins again as a new actor system with a fresh id on a new
/// port (the others keep per-address connection state that would take it for the old member) — keeping its store, its copy of the queue and its miners — then syncs, hands the
/// requests of its queue copy to the chain grain, and mines.
/// </para>
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="MineAsync"/> keeps asking again, with the same request id, for an answer that settles the request.</summary>
    public static readonly TimeSpan MineDeadline = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MineRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(15);

    // How long a dropped membership has to end before the node joins again beside it.
    private static readonly TimeSpan LeaveHeadStart = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RejoinRetryDelay = TimeSpan.FromSeconds(2);

    // The same reason for not getting back in is said again this often, not at every retry.
    private static readonly TimeSpan RejoinNoticeInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A member not reached directly for this many member timeouts, while still alive in the
    /// gossip, counts as cut off from this one (<see cref="ReachWatch"/>): by then a member that
    /// is down or cut off from everyone has been dropped by its heartbeat.
    /// </summary>
    private const int ReachLimitInMemberTimeouts = 3;

    private readonly ClusterSettings _settings;
    private readonly ClusterMembership _membership;
    private readonly PendingRequestStore _pending;
    private readonly TimeSpan _blockTime;
    private readonly TextWriter _output;
    private readonly ILoggerFactory _logs;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly WallClockSteps _wallClock;
    private readonly ClusterClock? _clock;
    private readonly StoreFailure? _storeFailure;
    private readonly NodeEvents _events = new();
    private readonly DispenserClient _dispenser;
    private readonly List<Miner> _miners = [];

    // Other mining loops (a grid gateway's): hosted beside the device miners on every membership.
    private readonly List<IMiningLoop> _loops = [];

    // Per request and per block, so each is bounded: a signal lives while someone waits for its
    // block, a request queued here until its block is stored, a summary among the recent ones.
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Block>> _mined = new();
    private readonly RecentSummaries _summaries = new();
    private readonly ConcurrentDictionary<string, byte> _queuedHere = new();
    private readonly Lock _heightGate = new();
    private readonly List<(ulong Height, TaskCompletionSource Reached)> _heightWaiters = [];
    private readonly Lock _shutdownGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private ClusterIncarnation _current = null!;
    private Task _watching = Task.CompletedTask;
    private Task? _shutdown;
    private int _port;

    private ClusterNode(ClusterSettings settings, ClusterMembership membership, ChainState chain, PendingRequestStore pending, TimeSpan blockTime, TextWriter output, ILoggerFactory logs, TimeProvider time, ClusterClock? clock, StoreFailure? storeFailure)
    {
        _clock = clock;
        _storeFailure = storeFailure;
        _settings = settings;
        _membership = membership;
        Chain = chain;
        _pending = pending;
        _blockTime = blockTime;
        _output = output;
        _logs = logs;
        _log = logs.CreateLogger<ClusterNode>();
        _time = time;
        _wallClock = new WallClockSteps(time);
        _port = settings.Port;
        Name = settings.NodeName ?? "";
        _events.Stored = OnStored;
        _dispenser = new DispenserClient(() => Cluster, Leases);
    }

    public string Name { get; private set; }

    /// <summary>This member's Proto.Remote endpoint, host:port.</summary>
    public string Address => _current.System.Address;

    /// <summary>This member's current actor system id; a new one after each rejoin.</summary>
    public string MemberId => _current.System.Id;

    /// <summary>How many times this node was dropped and joined again.</summary>
    public int Rejoins { get; private set; }

    public ChainState Chain { get; }

    public Proto.Cluster.Cluster Cluster => _current.System.Cluster();

    /// <summary>How this node's miners reach the dispenser grain, through whichever membership is current; the grid gateway leases through it too.</summary>
    public IDispenserLink Dispenser => _dispenser;

    /// <summary>The leases this node's miners and gateway were issued, over every membership and dispenser activation.</summary>
    public LeaseTally Leases { get; } = new();

    public string MembershipDescription => _membership.Description;

    /// <summary>The last member that refused this node's cluster secret, and why; null when none has (or this node has no secret).</summary>
    public string? SecretRefusal => _current.CookieTransport?.DialRefusal;

    public IReadOnlyList<string> Members => Cluster.MemberList.GetAllMembers().Select(m => m.Address).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The members with the names they gossiped (<see cref="MemberNames"/>), ordered by address.</summary>
    public async Task<IReadOnlyList<NamedMember>> NamedMembersAsync()
    {
        var cluster = Cluster;
        var names = await cluster.Gossip.GetState<MemberName>(MemberNames.GossipKey);
        return MemberNames.Join(cluster.MemberList.GetAllMembers().Select(m => (m.Id, m.Address)), names);
    }

    /// <summary>As <see cref="NamedMembersAsync()"/>, or the members by address alone (empty names) when the gossip actor does not answer within <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<NamedMember>> NamedMembersAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await NamedMembersAsync().WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return [.. Members.Select(address => new NamedMember(address, ""))];
        }
    }

    public IReadOnlyList<MinerSnapshot> Miners => _miners.Select(m => m.Snapshot()).ToArray();

    public static async Task<ClusterNode> StartAsync(
        ClusterSettings settings,
        ClusterMembership membership,
        ChainState chain,
        PendingRequestStore pending,
        IReadOnlyList<INonceSearcher> searchers,
        TimeSpan blockTime,
        TextWriter output,
        TimeProvider time,
        ILoggerFactory? logs = null,
        ClusterClock? clock = null,
        StoreFailure? storeFailure = null)
    {
        var node = new ClusterNode(settings, membership, chain, pending, blockTime, output, logs ?? NullLoggerFactory.Instance, time, clock, storeFailure);
        await node.JoinAsync(membership.Provider, searchers);
        node._watching = Task.Run(node.WatchAsync);
        if (pending.Load().Count > 0)
        {
            // Requests acknowledged before this node stopped are mined now, not at the next command.
            var wake = new CancellationTokenSource(SyncTimeout);
            _ = node.Cluster.RequestAsync<ChainStatus>(ChainGrain.Identity, ChainGrain.Kind, new ChainStatusRequest(), wake.Token)
                .ContinueWith(_ => wake.Dispose(), TaskScheduler.Default);
        }

        return node;
    }

    /// <summary>
    /// Runs <paramref name="loop"/> (the grid gateway's lease loop) beside the device miners, on
    /// this membership and every later one: it receives the job broadcasts and is stopped,
    /// handing back its leases, before the node leaves.
    /// </summary>
    public void HostMiningLoop(IMiningLoop loop)
    {
        lock (_shutdownGate)
        {
            if (_shutdown is not null)
            {
                throw new InvalidOperationException("the node is shutting down");
            }

            _loops.Add(loop);
            var current = _current;
            current.Loops.Add(new RunningLoop(current.System, loop));
        }
    }

    /// <summary>
    /// Queues <paramref name="data"/> for a block; answers once the request is stored durably. While
    /// the grain does not answer (it may be moving, or this side of a fault is healing) or cannot
    /// confirm two copies, it asks again with the same request id until <see cref="MineDeadline"/>:
    /// the grain queues an id once and answers place 0 for one already mined, so an ask that
    /// arrived late and the one that was answered are one request, mined once. A
    /// <see cref="TimeoutException"/> or an <see cref="MineAccepted.Indeterminate"/> answer leaves
    /// the outcome open: the request may still be mined.
    /// </summary>
    public async Task<MineAccepted> MineAsync(string data, CancellationToken cancellationToken = default)
    {
        var request = new MineRequest { RequestId = Guid.NewGuid().ToString("N"), Data = data };
        _mined.GetOrAdd(request.RequestId, _ => NewBlockSignal());
        var accepted = await new MineRetry(_time, RequestTimeout, MineDeadline, MineRetryDelay).AskAsync(
            request,
            AskChainGrainAsync,
            cancellationToken);
        if (accepted is null)
        {
            throw new TimeoutException("the chain grain did not answer the mine request");
        }

        if (accepted.Error.Length > 0 && !accepted.Indeterminate)
        {
            _mined.TryRemove(request.RequestId, out _);
        }
        else if (_queuedHere.TryAdd(request.RequestId, 0) && Chain.TryGetRequestHeight(request.RequestId, out _))
        {
            _queuedHere.TryRemove(request.RequestId, out _); // stored before it was listed here
        }

        return accepted;
    }

    /// <summary>Completes when every request this node queued is in a block this node stored.</summary>
    public Task WhenQueuedRequestsMinedAsync() => Task.WhenAll(_queuedHere.Keys.Select(WhenMinedAsync));

    /// <summary>Completes when this node has stored the block that answers <paramref name="requestId"/>.</summary>
    public Task<Block> WhenMinedAsync(string requestId)
    {
        var signal = _mined.GetOrAdd(requestId, _ => NewBlockSignal());
        if (Chain.TryGetRequestHeight(requestId, out var height) && Chain.TryGetBlock(height, out var block))
        {
            _mined.TryRemove(requestId, out _);
            signal.TrySetResult(block);
        }

        return signal.Task;
    }

    /// <summary>How the block at <paramref name="height"/> was mined, as announced to this node; null when unknown.</summary>
    public JobSummary? SummaryOf(ulong height) => _summaries.Get(height);

    /// <summary>Requests this node still tracks (waited for, or queued here and not yet in a stored block) and block summaries it keeps: bounded, not one per block forever.</summary>
    internal (int Waited, int QueuedHere, int Summaries) Tracked => (_mined.Count, _queuedHere.Count, _summaries.Count);

    /// <summary>Completes when this node's chain reaches <paramref name="height"/>.</summary>
    public Task WhenHeightAsync(ulong height)
    {
        lock (_heightGate)
        {
            if (Chain.Height >= height)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _heightWaiters.Add((height, reached));
            return reached.Task;
        }
    }

    public async Task<NodeStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        var chain = Cluster.RequestAsync<ChainStatus>(ChainGrain.Identity, ChainGrain.Kind, new ChainStatusRequest(), timeout.Token);
        var job = DispenserStatusAsync(timeout.Token);
        return new NodeStatus(Name, Address, MembershipDescription, Members, Miners, await chain, await job);
    }

    /// <summary>The dispenser's figures; null when it does not answer in time (it may be moving to another member).</summary>
    private async Task<DispenserStatus?> DispenserStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dispenser.StatusAsync(cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Stops the miners (handing back their open leases), then leaves the cluster gracefully.</summary>
    public Task ShutdownAsync()
    {
        lock (_shutdownGate)
        {
            return _shutdown ??= StopAsync();
        }
    }

    public async ValueTask DisposeAsync() => await ShutdownAsync();

    private async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _watching;
        var current = _current;
        RunningLoop[] loops;
        lock (_shutdownGate)
        {
            loops = [.. current.Loops];
        }

        foreach (var loop in loops)
        {
            await loop.StopAsync();
        }

        if (!current.System.Shutdown.IsCancellationRequested)
        {
            await current.System.Cluster().ShutdownAsync(graceful: true, "node shut down");
        }

        current.CookieTransport?.Dispose();
    }

    /// <summary>Starts an actor system on this node's port, joins through <paramref name="provider"/>, syncs, and starts the miners on it.</summary>
    private async Task JoinAsync(IClusterProvider provider, IReadOnlyList<INonceSearcher>? searchers = null)
    {
        var settings = _settings;
        var system = new ActorSystem(ActorSystemConfig.Setup());
        var remote = (settings.Host is "0.0.0.0" or "::"
                ? RemoteConfig.BindToAllInterfaces(settings.AdvertisedHost ?? Dns.GetHostName(), _port)
                : RemoteConfig.BindTo(settings.Host, _port))
            .WithProtoMessages(MiningReflection.Descriptor, GrainsReflection.Descriptor, ClockReflection.Descriptor, MembersReflection.Descriptor);

        // Proto.Remote refuses an address for 3 s after its endpoint ended; a member that was
        // dropped comes back on the same address within that time, as a new member.
        remote = remote with { WaitAfterEndpointTerminationTimeSpan = null };
        if (settings.AdvertisedHost is { } advertised)
        {
            remote = remote.WithAdvertisedHost(advertised);
        }

        var cookieTransport = settings.Cookie is { } cookie
            ? new CookieTransport(cookie, new RefusalLog(_logs.CreateLogger<RefusalLog>(), _time, RefusalLog.DefaultInterval), CookieHandshake.DefaultTimeout)
            : null;
        remote = cookieTransport?.ApplyTo(remote)
            ?? new PrefaceDeadline(CookieHandshake.DefaultTimeout, new RefusalLog(_logs.CreateLogger<RefusalLog>(), _time, RefusalLog.DefaultInterval, "connections")).ApplyTo(remote);

        var chain = Chain;
        var pending = _pending;
        var output = _output;
        var storeFailure = _storeFailure;
        var policy = new DifficultyPolicy(chain.Rules);
        var expiry = new StallAwareExpiry(settings.MemberTimeout, _time);
        var incarnation = new ClusterIncarnation(system, cookieTransport, new MemberWatchdog(_time));
        _ = Task.Run(() => TickAsync(expiry, system));
        var clusterConfig = ClusterConfig.Setup(settings.ClusterName, provider, new PartitionIdentityLookup())
            .WithHeartbeatExpiration(settings.MemberTimeout)
            .WithHeartbeatExpirationHandler(cluster => BlockExpiredMembersAsync(cluster, expiry, incarnation))
            .WithClusterKind(ChainGrain.Kind, Props.FromProducer(() => new ChainGrain(chain, pending, _logs.CreateLogger<ChainGrain>(), storeFailure)))
            .WithClusterKind(DispenserGrain.Kind, Props.FromProducer(() => new DispenserGrain(new Dispenser(_time), policy, _blockTime, _time, _logs.CreateLogger<DispenserGrain>())));
        system.WithRemote(remote).WithCluster(clusterConfig);

        system.EventStream.Subscribe<MemberBlocked>(blocked =>
        {
            if (blocked.MemberId == system.Id)
            {
                incarnation.Watchdog.Dropped($"the other members blocked this member ({blocked.Reason})");
            }

        });

        // Up before the node joins, so no other member's probe finds it missing.
        system.Root.SpawnNamed(Props.FromProducer(() => new ReachActor()), ReachActor.Name);

        // The replica is up before the node joins, so no announcement finds it missing.
        system.Root.SpawnNamed(
            Props.FromProducer(() => new ChainReplica(chain, pending, output, _logs.CreateLogger<ChainReplica>(), (block, summary) => _events.Stored?.Invoke(block, summary), storeFailure)),
            ChainReplica.Name);
        try
        {
            await system.Cluster().StartMemberAsync();
        }
        catch
        {
            cookieTransport?.Dispose();
            await system.ShutdownAsync("could not join");
            throw;
        }

        if (_clock is { } clock)
        {
            // After joining: it reads the members' clocks as it starts.
            system.Root.SpawnNamed(Props.FromProducer(() => new ClockActor(clock)), ClockActor.Name);
        }

        _port = system.GetAddress().Port;
        if (Name.Length == 0)
        {
            Name = $"{Dns.GetHostName()}:{_port}";
        }

        _current = incarnation;
        system.Cluster().Gossip.SetState(MemberNames.GossipKey, new MemberName { Name = Name });
        var reach = new ReachWatch(system, incarnation.Watchdog, _time);
        incarnation.Reach = reach;
        _ = Task.Run(() => reach.RunAsync(settings.MemberTimeout * ReachLimitInMemberTimeouts));
        var members = system.Cluster().MemberList.GetAllMembers().Length;
        _log.LogInformation(Rejoins == 0
            ? $"{Name}: member of {settings.ClusterName} with {members} member(s); syncing the chain"
            : $"{Name}: joined {settings.ClusterName} again as member {system.Id} on {system.Address} with {members} member(s); syncing the chain");

        // Catch up before mining: a node that was down, or joins mid-block, first fetches the
        // blocks it lacks (each validated); only then do its miners ask for leases.
        try
        {
            var synced = await system.Root.RequestAsync<SyncedWithMembers>(PID.FromAddress(system.Address, ChainReplica.Name), new SyncWithMembers(), SyncTimeout);
            _log.LogInformation($"{Name}: chain at block {chain.Height} after asking {synced.MembersAnswered} other member(s)");
        }
        catch (TimeoutException)
        {
            // Announcements and the next members' join bring the rest.
            _log.LogInformation($"{Name}: chain at block {chain.Height}; the sync with the members did not finish within {SyncTimeout.TotalSeconds:0} s, mining anyway");
        }

        if (searchers is not null)
        {
            var progress = new MiningProgress(Name, output, _time);
            var minerLog = _logs.CreateLogger<Miner>();
            foreach (var searcher in searchers)
            {
                _miners.Add(new Miner(Name, searcher, Dispenser, new LeaseSizer(settings.LeaseTime, settings.CalibrationNonces), _time, progress.Add, message => minerLog.LogWarning(message)));
            }
        }

        lock (_shutdownGate)
        {
            foreach (var loop in _miners.Cast<IMiningLoop>().Concat(_loops))
            {
                incarnation.Loops.Add(new RunningLoop(system, loop));
            }
        }
    }

    /// <summary>
    /// Proto.Cluster's own expiry (<c>GossipDefaults.BlockExpiredMembers</c>: block the members
    /// whose heartbeat is older than the member timeout), except in the rounds after this
    /// process stood still or its wall clock jumped ahead, when the others' heartbeats only look
    /// old (<see cref="StallAwareExpiry"/>), and except when the expired members are not fewer
    /// than those staying (<see cref="ExpiryQuorum"/>).
    /// </summary>
    private async Task BlockExpiredMembersAsync(Proto.Cluster.Cluster cluster, StallAwareExpiry expiry, ClusterIncarnation incarnation)
    {
        // Heartbeats are aged by the wall clock: a step ahead since the last look must hold
        // blocking before any age is read (the tick may not have seen it yet).
        if (!NextExpiryRound(expiry).MayBlockExpired)
        {
            return;
        }

        var blocked = cluster.Remote.BlockList.BlockedMembers;
        var heartbeats = await cluster.Gossip.GetStateEntry(GossipKeys.Heartbeat);
        var expired = heartbeats
            .Where(h => h.Key != cluster.System.Id && h.Value.Age > cluster.Config.HeartbeatExpiration && !blocked.Contains(h.Key))
            .Select(h => h.Key)
            .ToArray();
        // Members silent for half the timeout count as going too: heartbeats from the far side of
        // a partition expire one by one, and dropping the first would leave a tie, then a majority.
        var silent = heartbeats
            .Where(h => h.Key != cluster.System.Id && h.Value.Age > cluster.Config.HeartbeatExpiration / 2 && !blocked.Contains(h.Key))
            .Select(h => h.Key)
            .ToArray();
        var members = cluster.MemberList.GetMembers().Add(cluster.System.Id);
        if (expired.Length == 0)
        {
            incarnation.Outnumbered = false;
        }
        else if (ExpiryQuorum.MayDrop(members, silent))
        {
            // The ages above were read after the look at the clock; a step while they were read
            // (heartbeats then look old one by one, as they are refreshed one by one) holds it
            // too. (Proto reads the ages again, a moment later, to block.)
            if (NextExpiryRound(expiry).MayBlockExpired)
            {
                await GossipDefaults.BlockExpiredMembers(cluster);
            }
        }
        else if (!incarnation.Outnumbered)
        {
            incarnation.Outnumbered = true;
            _log.LogInformation($"{Name}: no heartbeat from {silent.Length} of the {members.Count} members, not fewer than those left here; dropping nobody (this side of a partition waits until it reaches the others, then joins them again)");
        }
    }

    /// <summary>Whether expired members may be blocked now, after a look at the wall clock and at how long since this process last ran.</summary>
    private ExpiryRound NextExpiryRound(StallAwareExpiry expiry)
    {
        ObserveWallClock(expiry);
        var round = expiry.Next();
        SayStood(round.StallEnded);
        return round;
    }

    private void SayStood(TimeSpan? stall)
    {
        if (stall is { } stood)
        {
            _log.LogWarning($"{Name}: this process stood still for {stood.TotalSeconds:0.0} s; the other members' heartbeats only look old, so none is dropped for {_settings.MemberTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// Copes with the system clock being stepped while the node runs (<see cref="WallClockSteps"/>):
    /// back, Proto.Actor's cached request timeouts would have cancelled already and stop this
    /// member's heartbeats (<see cref="ProtoTokenCache"/>); ahead, the others' heartbeats look old.
    /// </summary>
    private void ObserveWallClock(StallAwareExpiry expiry)
    {
        if (_wallClock.Observe() is not { } step)
        {
            return;
        }

        _clock?.Stepped(step);
        var reset = ProtoTokenCache.Reset();
        var size = ClusterClock.Amount(step);
        if (step > TimeSpan.Zero)
        {
            expiry.WallClockJumpedAhead();
            _log.LogWarning($"{Name}: the system clock jumped ahead {size}; the other members' heartbeats only look old, so none is dropped for {_settings.MemberTimeout.TotalSeconds:0} s");
        }
        else if (reset)
        {
            _log.LogWarning($"{Name}: the system clock jumped back {size}; request timeouts were made afresh, so requests and heartbeats go on");
        }
        else
        {
            _log.LogWarning($"{Name}: the system clock jumped back {size}, and this Proto.Actor's cached request timeouts cannot be made afresh: requests may fail and this member may be dropped and join again until the clock has caught up");
        }
    }

    /// <summary>Ticks <paramref name="expiry"/> until <paramref name="system"/> shuts down, so a stall of this process is told from a slow gossip round.</summary>
    private async Task TickAsync(StallAwareExpiry expiry, ActorSystem system)
    {
        using var timer = new PeriodicTimer(StallAwareExpiry.TickInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(system.Shutdown))
            {
                SayStood(expiry.Tick());
                ObserveWallClock(expiry);
            }
        }
        catch (OperationCanceledException)
        {
            // the membership ended
        }
    }

    /// <summary>Until the node shuts down: notices when this member was dropped, and joins again.</summary>
    private async Task WatchAsync()
    {
        var stop = _stopping.Token;
        while (!stop.IsCancellationRequested)
        {
            var current = _current;
            string reason;
            try
            {
                reason = await WhenDroppedAsync(current, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            _log.LogWarning($"{Name}: dropped from the cluster: {reason}; leaving and joining again as a new member");
            // The old membership usually ends within a second (deregistered, endpoints closed), but
            // one Proto.Cluster shuts down itself after "I have been blocked" can wait ~10 s on
            // requests the others refuse: the new membership (new id, new port) does not wait for it.
            var leaving = LeaveDroppedAsync(current);
            await Task.WhenAny(leaving, Task.Delay(LeaveHeadStart, _time, CancellationToken.None));
            try
            {
                if (current.Reach?.CutFrom is { Count: > 0 } cutFrom)
                {
                    // Joining again while the cut remains would only be settled the same way again.
                    await ReachWatch.WaitToReachAsync(cutFrom, _time, _log, Name, stop);
                }

                await RejoinAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // shutting down while joining again: StopAsync ends whichever membership is current
            }
        }
    }

    /// <summary>Completes with the reason once <paramref name="current"/> is no longer a member; looks each second.</summary>
    private async Task<string> WhenDroppedAsync(ClusterIncarnation current, CancellationToken stop)
    {
        var system = current.System;
        while (true)
        {
            var tick = Task.Delay(WatchInterval, _time, stop);
            await Task.WhenAny(current.Watchdog.WhenDropped, tick);
            if (current.Watchdog.WhenDropped.IsCompleted)
            {
                return await current.Watchdog.WhenDropped;
            }

            await tick;
            var members = system.Cluster().MemberList.GetAllMembers();
            if (system.Shutdown.IsCancellationRequested)
            {
                current.Watchdog.Dropped("its cluster membership shut down");
            }
            else
            {
                current.Watchdog.ObserveListed(members.Any(m => m.Id == system.Id));
            }
        }
    }

    /// <summary>Ends a dropped membership: Proto.Cluster may already be shutting it down (a blocked member does); else this does.</summary>
    private async Task LeaveDroppedAsync(ClusterIncarnation dropped)
    {
        var cluster = dropped.System.Cluster();
        try
        {
            var leaving = cluster.MemberList.Stopping || dropped.System.Shutdown.IsCancellationRequested
                ? cluster.ShutdownCompleted
                : cluster.ShutdownAsync(graceful: true, "dropped from the cluster");
            await leaving.WaitAsync(LeaveTimeout);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            _log.LogWarning($"{Name}: the dropped membership did not shut down within {LeaveTimeout.TotalSeconds:0} s ({e.GetType().Name}); stopping its actor system");
            await dropped.System.ShutdownAsync("dropped from the cluster");
        }

        dropped.CookieTransport?.Dispose();
    }

    private async Task RejoinAsync(CancellationToken stop)
    {
        Rejoins++;

        // A new port too: the other members keep state per address (connections retrying the
        // old member, addresses refused for a while, duplicates removed by age) that can take
        // the new member for the old one and block it again.
        _port = 0;
        var notice = new RetryNotice(_time, RejoinNoticeInterval);
        while (!stop.IsCancellationRequested)
        {
            var known = _current.KnownMembers.Where(a => a != _current.System.Address).ToArray();

            // Taken before joining: the cluster's chain grain overwrites this node's copy as soon as it replicates its queue.
            var copy = _pending.Load();
            try
            {
                await JoinAsync(_membership.Rejoin(known));
                await ResubmitAsync(copy, stop);
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                var line = notice.Failed(e.Message, (failure, tries, failing) => tries == 0
                    ? $"{Name}: could not join again ({failure}); retrying every {RejoinRetryDelay.TotalSeconds:0} s"
                    : $"{Name}: still could not join again after {tries} tries in {failing.TotalSeconds:0} s ({failure}); retrying every {RejoinRetryDelay.TotalSeconds:0} s");
                if (line is not null)
                {
                    _log.LogWarning(line);
                }

                await Task.Delay(RejoinRetryDelay, _time, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Hands every request of this node's copy of the queue, as it was before joining again, to
    /// the chain grain: requests acknowledged while this node was cut off (its own side's chain
    /// grain) reach the cluster's grain now rather than at its next activation. The grain queues
    /// an id once and answers at once for one already in a block. A grain that does not answer
    /// yet (it may be moving) is asked again, as <see cref="MineAsync"/> does, until
    /// <see cref="MineDeadline"/>.
    /// </summary>
    private async Task ResubmitAsync(IReadOnlyList<MineRequest> copy, CancellationToken stop)
    {
        var retry = new MineRetry(_time, RequestTimeout, MineDeadline, RejoinRetryDelay);
        foreach (var request in copy.Where(r => !Chain.TryGetRequestHeight(r.RequestId, out _)))
        {
            var answer = await retry.AskAsync(request, AskChainGrainAsync, stop);
            if (answer is null || answer.Indeterminate)
            {
                _log.LogWarning($"{Name}: the chain grain did not take back request {request.RequestId} (\"{PrintableText.Echo(request.Data)}\") within {MineDeadline.TotalSeconds:0} s ({(answer is null ? "no answer" : answer.Error)}); if `read` does not show it soon, mine it again");
            }
        }
    }

    private async Task<MineAccepted?> AskChainGrainAsync(MineRequest request, CancellationToken token) =>
        await Cluster.RequestAsync<MineAccepted?>(ChainGrain.Identity, ChainGrain.Kind, request, token);

    private void OnStored(Block block, JobSummary? summary)
    {
        if (summary is not null)
        {
            _summaries.Add(block.Height, summary);
        }

        // Only requests someone waits for: a sync stores millions of blocks nobody asks about.
        if (block.RequestId.Length > 0)
        {
            _queuedHere.TryRemove(block.RequestId, out _);
            if (_mined.TryRemove(block.RequestId, out var signal))
            {
                signal.TrySetResult(block);
            }
        }

        // Called for every block a sync stores: nothing is allocated unless someone waits.
        lock (_heightGate)
        {
            var height = _heightWaiters.Count > 0 ? Chain.Height : 0;
            for (var i = _heightWaiters.Count - 1; i >= 0; i--)
            {
                if (_heightWaiters[i].Height <= height)
                {
                    _heightWaiters[i].Reached.TrySetResult();
                    _heightWaiters.RemoveAt(i);
                }
            }
        }
    }

    private static TaskCompletionSource<Block> NewBlockSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
