namespace Beamchain.Node.Membership.Consul;

/// <summary>
/// How a node talks to its Consul agent. Immutable; change it with the <c>With…</c> methods.
/// The defaults match Proto.Cluster.Consul's, so mixed clusters age members out alike.
/// </summary>
public sealed record ConsulProviderConfig
{
    /// <summary>The agent's HTTP API when nothing else is said: <c>consul agent -dev</c>.</summary>
    public static readonly Uri DefaultAddress = new("http://127.0.0.1:8500");

    /// <summary>Base address of the agent's HTTP API.</summary>
    public Uri Address { get; init; } = DefaultAddress;

    /// <summary>ACL token sent as <c>X-Consul-Token</c> on every call; null sends none.</summary>
    public string? Token { get; init; }

    /// <summary>How long the member stays passing after one TTL pass.</summary>
    public TimeSpan ServiceTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the member passes its TTL check; well under <see cref="ServiceTtl"/>.</summary>
    public TimeSpan RefreshTtl { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the agent keeps a critical member before removing it (the real agent treats less as 1m).</summary>
    public TimeSpan DeregisterCriticalServiceAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one blocking health query may be held by the agent.</summary>
    public TimeSpan BlockingWaitTime { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Pause after a failed call before trying again, so an absent agent is not hammered.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After the agent comes back (an outage, a restart with an empty catalog), how long members it does not list
    /// yet are kept in the view while they register again (<see cref="SettlingMemberView"/>):
    /// longer than a TTL pass left hanging across the outage (<see cref="RequestTimeout"/>) plus the next pass.
    /// </summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for one non-blocking call (register, pass, deregister, leader).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public ConsulProviderConfig WithAddress(Uri address) => this with { Address = address ?? throw new ArgumentNullException(nameof(address)) };

    public ConsulProviderConfig WithToken(string? token) => this with { Token = string.IsNullOrEmpty(token) ? null : token };

    public ConsulProviderConfig WithServiceTtl(TimeSpan ttl) => this with { ServiceTtl = Positive(ttl, nameof(ttl)) };

    public ConsulProviderConfig WithRefreshTtl(TimeSpan interval) => this with { RefreshTtl = Positive(interval, nameof(interval)) };

    public ConsulProviderConfig WithDeregisterCriticalServiceAfter(TimeSpan after) =>
        this with { DeregisterCriticalServiceAfter = Positive(after, nameof(after)) };

    public ConsulProviderConfig WithBlockingWaitTime(TimeSpan wait) => this with { BlockingWaitTime = Positive(wait, nameof(wait)) };

    public ConsulProviderConfig WithRetryDelay(TimeSpan delay) => this with { RetryDelay = Positive(delay, nameof(delay)) };

    public ConsulProviderConfig WithRequestTimeout(TimeSpan timeout) => this with { RequestTimeout = Positive(timeout, nameof(timeout)) };

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "Must be longer than zero.");
}
