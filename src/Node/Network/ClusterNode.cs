using System.Collections.Concurrent;
using System.Net;
using Beamchain.Kernels.Search;
using Beamchain.Node.Chain;
using Beamchain.Node.Mining;
using Beamchain.Node.Secret;
using Proto;
using Proto.Cluster;
using Proto.Cluster.Partition;
using Proto.Remote;
using Proto.Remote.GrpcNet;

namespace Beamchain.Node.Network;

/// <summary>
/// One running node: an actor system on Proto.Remote's gRPC transport, a member of the
/// Proto.Cluster named in the settings (kinds <c>chain</c> and <c>dispenser</c>, placed by
/// partition identity lookup), its chain replica, and one miner per device. The shell and
/// the tests drive a node through this type.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(15);

    private readonly ActorSystem _system;
    private readonly ClusterMembership _membership;
    private readonly IReadOnlyList<Miner> _miners;
    private readonly List<PID> _minerActors;
    private readonly CookieTransport? _cookieTransport;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Block>> _mined = new();
    private readonly ConcurrentDictionary<ulong, JobSummary> _summaries = new();
    private readonly ConcurrentQueue<string> _queuedHere = new();
    private readonly Lock _heightGate = new();
    private readonly List<(ulong Height, TaskCompletionSource Reached)> _heightWaiters = [];
    private readonly Lock _shutdownGate = new();
    private Task? _shutdown;

    private ClusterNode(string name, ActorSystem system, ClusterMembership membership, ChainState chain, IReadOnlyList<Miner> miners, List<PID> minerActors, NodeEvents events, CookieTransport? cookieTransport, IDispenserLink dispenser)
    {
        Name = name;
        Dispenser = dispenser;
        _system = system;
        _membership = membership;
        Chain = chain;
        _miners = miners;
        _minerActors = minerActors;
        _cookieTransport = cookieTransport;
        events.Stored = OnStored;
    }

    public string Name { get; }

    /// <summary>This member's Proto.Remote endpoint, host:port.</summary>
    public string Address => _system.Address;

    public ChainState Chain { get; }

    /// <summary>How this node's miners reach the dispenser grain; the grid gateway leases through it too.</summary>
    public IDispenserLink Dispenser { get; }

    public Proto.Cluster.Cluster Cluster => _system.Cluster();

    public string MembershipDescription => _membership.Description;

    public IReadOnlyList<string> Members => Cluster.MemberList.GetAllMembers().Select(m => m.Address).Order(StringComparer.Ordinal).ToArray();

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
        TextWriter? notices = null)
    {
        notices ??= output;
        var events = new NodeEvents();
        var system = new ActorSystem(ActorSystemConfig.Setup());
        var remote = (settings.Host is "0.0.0.0" or "::"
                ? RemoteConfig.BindToAllInterfaces(settings.AdvertisedHost ?? Dns.GetHostName(), settings.Port)
                : RemoteConfig.BindTo(settings.Host, settings.Port))
            .WithProtoMessages(MiningReflection.Descriptor, NetworkReflection.Descriptor);
        if (settings.AdvertisedHost is { } advertised)
        {
            remote = remote.WithAdvertisedHost(advertised);
        }

        var cookieTransport = settings.Cookie is { } cookie
            ? new CookieTransport(cookie, new RefusalLog(output, time, RefusalLog.DefaultInterval), CookieHandshake.DefaultTimeout)
            : null;
        remote = cookieTransport?.ApplyTo(remote) ?? remote;

        var policy = new DifficultyPolicy(chain.Rules);
        var clusterConfig = ClusterConfig.Setup(settings.ClusterName, membership.Provider, new PartitionIdentityLookup())
            .WithHeartbeatExpiration(settings.MemberTimeout)
            .WithClusterKind(ChainGrain.Kind, Props.FromProducer(() => new ChainGrain(chain, pending, output)))
            .WithClusterKind(DispenserGrain.Kind, Props.FromProducer(() => new DispenserGrain(new Dispenser(time), policy, blockTime, time, output)));
        system.WithRemote(remote).WithCluster(clusterConfig);

        // The replica is up before the node joins, so no announcement finds it missing.
        system.Root.SpawnNamed(
            Props.FromProducer(() => new ChainReplica(chain, pending, output, (block, summary) => events.Stored?.Invoke(block, summary))),
            ChainReplica.Name);
        await system.Cluster().StartMemberAsync();

        var name = settings.NodeName ?? $"{Dns.GetHostName()}:{system.GetAddress().Port}";
        var members = system.Cluster().MemberList.GetAllMembers().Length;
        notices.WriteLine($"{name}: member of {settings.ClusterName} with {members} member(s); syncing the chain");

        // Catch up before mining: a node that was down, or joins mid-block, first fetches the
        // blocks it lacks (each validated); only then do its miners ask for leases.
        try
        {
            var synced = await system.Root.RequestAsync<SyncedWithMembers>(PID.FromAddress(system.Address, ChainReplica.Name), new SyncWithMembers(), SyncTimeout);
            notices.WriteLine($"{name}: chain at block {chain.Height} after asking {synced.MembersAnswered} other member(s)");
        }
        catch (TimeoutException)
        {
            // Announcements and the next members' join bring the rest.
            notices.WriteLine($"{name}: chain at block {chain.Height}; the sync with the members did not finish within {SyncTimeout.TotalSeconds:0} s, mining anyway");
        }
        var progress = new MiningProgress(name, output, time);
        var link = new ClusterDispenserLink(system.Cluster());
        var miners = new List<Miner>();
        var actors = new List<PID>();
        foreach (var searcher in searchers)
        {
            var miner = new Miner(name, searcher, link, new LeaseSizer(settings.LeaseTime, settings.CalibrationNonces), time, progress.Add, output.WriteLine);
            miners.Add(miner);
            actors.Add(system.Root.Spawn(Props.FromProducer(() => new MinerActor(miner))));
        }

        return new ClusterNode(name, system, membership, chain, miners, actors, events, cookieTransport, link);
    }

    /// <summary>
    /// Runs <paramref name="loop"/> (the grid gateway's lease loop) beside the device miners: it
    /// receives the job broadcasts and is stopped, handing back its leases, before the node leaves.
    /// </summary>
    public void HostMiningLoop(IMiningLoop loop)
    {
        lock (_shutdownGate)
        {
            if (_shutdown is not null)
            {
                throw new InvalidOperationException("the node is shutting down");
            }

            _minerActors.Add(_system.Root.Spawn(Props.FromProducer(() => new MinerActor(loop))));
        }
    }

    /// <summary>Queues <paramref name="data"/> for a block; answers once the request is stored durably.</summary>
    public async Task<MineAccepted> MineAsync(string data, CancellationToken cancellationToken = default)
    {
        var request = new MineRequest { RequestId = Guid.NewGuid().ToString("N"), Data = data, OriginNode = Name };
        _mined.GetOrAdd(request.RequestId, _ => NewBlockSignal());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        var accepted = await Cluster.RequestAsync<MineAccepted>(ChainGrain.Identity, ChainGrain.Kind, request, timeout.Token)
            ?? throw new TimeoutException("the chain grain did not answer the mine request");
        if (accepted.Error.Length > 0)
        {
            _mined.TryRemove(request.RequestId, out _);
        }
        else
        {
            _queuedHere.Enqueue(request.RequestId);
        }

        return accepted;
    }

    /// <summary>Completes when every request this node queued is in a block this node stored.</summary>
    public Task WhenQueuedRequestsMinedAsync() => Task.WhenAll(_queuedHere.Select(WhenMinedAsync));

    /// <summary>Completes when this node has stored the block that answers <paramref name="requestId"/>.</summary>
    public Task<Block> WhenMinedAsync(string requestId) => _mined.GetOrAdd(requestId, _ => NewBlockSignal()).Task;

    /// <summary>How the block at <paramref name="height"/> was mined, as announced to this node; null when unknown.</summary>
    public JobSummary? SummaryOf(ulong height) => _summaries.GetValueOrDefault(height);

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
        var job = Cluster.RequestAsync<DispenserStatus>(DispenserGrain.Identity, DispenserGrain.Kind, new DispenserStatusRequest(), timeout.Token);
        return new NodeStatus(Name, Address, MembershipDescription, Members, Miners, await chain, await job);
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
        PID[] minerActors;
        lock (_shutdownGate)
        {
            minerActors = [.. _minerActors];
        }

        foreach (var miner in minerActors)
        {
            await _system.Root.StopAsync(miner);
        }

        await Cluster.ShutdownAsync(graceful: true, "node shut down");
        _cookieTransport?.Dispose();
    }

    private void OnStored(Block block, JobSummary? summary)
    {
        if (summary is not null)
        {
            _summaries[block.Height] = summary;
        }

        if (block.RequestId.Length > 0)
        {
            _mined.GetOrAdd(block.RequestId, _ => NewBlockSignal()).TrySetResult(block);
        }

        lock (_heightGate)
        {
            var height = Chain.Height;
            foreach (var waiter in _heightWaiters.Where(w => w.Height <= height).ToArray())
            {
                waiter.Reached.TrySetResult();
                _heightWaiters.Remove(waiter);
            }
        }
    }

    private static TaskCompletionSource<Block> NewBlockSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
