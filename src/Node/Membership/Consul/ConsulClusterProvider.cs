using Microsoft.Extensions.Logging;
using Proto;
using Proto.Cluster;

namespace Beamchain.Node.Membership.Consul;

/// <summary>
/// Proto.Cluster membership through a Consul agent's HTTP API: a member registers itself with a TTL check, passes it
/// about once a second, follows the passing members with blocking queries, and deregisters on graceful shutdown so
/// the others see it leave at once rather than after the TTL.
/// </summary>
public sealed class ConsulClusterProvider : IClusterProvider
{
    private static readonly ILogger Logger = Log.CreateLogger<ConsulClusterProvider>();

    private readonly ConsulProviderConfig _config;
    private readonly TimeProvider _time;
    private readonly ConsulAgentClient _client;
    private readonly ConsulReachability _reachability;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly Lock _shutdownLock = new();
    private Task? _shutdown;
    private ConsulTtlHeartbeat? _heartbeat;

    public ConsulClusterProvider(ConsulProviderConfig config)
        : this(config, TimeProvider.System)
    {
    }

    public ConsulClusterProvider(ConsulProviderConfig config, TimeProvider time)
    {
        _config = config;
        _time = time;
        _client = new ConsulAgentClient(config);
        _reachability = new ConsulReachability(config.Address, time, Logger);
    }

    /// <summary>What this member registered as; null until <see cref="StartMemberAsync"/> succeeded, or for a client.</summary>
    public ServiceRegistration? Registration { get; private set; }

    /// <summary>When the agent last confirmed this member's TTL pass; null for a client or before the first.</summary>
    public DateTimeOffset? LastTtlPassAt => _heartbeat?.LastPassAt;

    /// <summary>Registers this member and passes its check once, so it is alive before the first watch answer.</summary>
    public async Task StartMemberAsync(Proto.Cluster.Cluster cluster)
    {
        var (host, port) = cluster.System.GetAddress();
        var registration = MemberRegistration.Create(
            cluster.Config.ClusterName, cluster.System.Id, host, port, cluster.GetClusterKinds(), _config);
        var heartbeat = new ConsulTtlHeartbeat(_client, registration, _config, _time, _reachability, Logger);
        try
        {
            await _client.RegisterServiceAsync(registration, _stopping.Token).ConfigureAwait(false);
            await heartbeat.BeatAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (ConsulAgentException e)
        {
            throw new InvalidOperationException(
                $"Could not join cluster '{registration.Name}' through Consul: {e.Message}. "
                + "Start an agent (consul agent -dev) or point --consul / CONSUL_HTTP_ADDR at one.", e);
        }

        Registration = registration;
        _heartbeat = heartbeat;
        Logger.LogInformation("Registered {ServiceId} with the Consul agent at {Address}", registration.Id, _config.Address);
        StartLoop(heartbeat.RunAsync);
        StartWatch(cluster);
    }

    /// <summary>A client member only follows the others; it is not registered.</summary>
    public Task StartClientAsync(Proto.Cluster.Cluster cluster)
    {
        StartWatch(cluster);
        return Task.CompletedTask;
    }

    /// <summary>Stops the loops; when <paramref name="graceful"/>, deregisters too. A crash is a non-graceful shutdown:
    /// the registration stays, turns critical after the TTL and is reaped later by the agent.</summary>
    public Task ShutdownAsync(bool graceful)
    {
        lock (_shutdownLock)
        {
            return _shutdown ??= StopAsync(graceful);
        }
    }

    private async Task StopAsync(bool graceful)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        if (graceful && Registration is { } registration)
        {
            try
            {
                await _client.DeregisterServiceAsync(registration.Id, CancellationToken.None).ConfigureAwait(false);
                Logger.LogInformation("Deregistered {ServiceId} from Consul", registration.Id);
            }
            catch (ConsulAgentException e)
            {
                Logger.LogWarning("Could not deregister {ServiceId}; it leaves after its TTL instead: {Error}", registration.Id, e.Message);
            }
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private void StartWatch(Proto.Cluster.Cluster cluster)
    {
        var watch = new ConsulMemberWatch(
            _client, cluster.Config.ClusterName, _config, _time, cluster.MemberList.UpdateClusterTopology, _reachability, Logger);
        StartLoop(watch.RunAsync);
    }

    private void StartLoop(Func<CancellationToken, Task> loop)
    {
        var token = _stopping.Token;
        _loops.Add(Task.Run(() => loop(token), CancellationToken.None));
    }
}
