namespace Beamchain.ConsulDouble;

/// <summary>
/// What the Consul double knows: services, their TTL checks, and the index that blocking queries wait on.
/// TTL expiry and reaping run on timers from the injected <see cref="TimeProvider"/>, so tests drive them with a fake
/// clock. Thread-safe; every change to a service name's result raises that name's index and wakes blocked queries.
/// <see cref="Shutdown"/> stops it as the real agent stops: its checks first, so nothing expires while it goes.
/// </summary>
public sealed class ConsulCatalog : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _minimumDeregisterAfter;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServiceState> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _nameIndex = new(StringComparer.Ordinal);
    private readonly ITimer _expiryTimer;
    private readonly ITimer _reapTimer;
    private readonly CancellationTokenSource _shuttingDown = new();
    private ulong _lastIndex = 1;
    private TaskCompletionSource _changed = NewSignal();

    /// <param name="time">Clock for TTLs, reaping and query waits.</param>
    /// <param name="reapInterval">How often critical services are checked for removal (the real agent: 30 s).</param>
    /// <param name="minimumDeregisterAfter">Shorter DeregisterCriticalServiceAfter values count as this (the real agent: 1 m).</param>
    public ConsulCatalog(TimeProvider time, TimeSpan reapInterval, TimeSpan minimumDeregisterAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(reapInterval, TimeSpan.Zero);
        _time = time;
        _minimumDeregisterAfter = minimumDeregisterAfter;
        _expiryTimer = time.CreateTimer(_ => OnExpiryDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _reapTimer = time.CreateTimer(_ => Reap(), null, reapInterval, reapInterval);
    }

    /// <summary>
    /// Adds or replaces a service. A new TTL check starts critical; one that already existed keeps its state, as the
    /// real agent carries check state over a re-registration.
    /// </summary>
    public void Register(ServiceDefinition definition)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var state = new ServiceState(definition, now);
            if (_services.TryGetValue(definition.Id, out var previous))
            {
                if (definition.Ttl is { } ttl && previous.Status is { } status)
                {
                    state.Status = status;
                    state.CriticalSince = previous.CriticalSince;
                    state.PassingUntil = now + ttl;
                }

                if (previous.Definition.Name != definition.Name)
                {
                    Changed(previous.Definition.Name);
                }
            }

            _services[definition.Id] = state;
            Changed(definition.Name);
            ArmExpiryTimer(now);
        }
    }

    /// <summary>Passes the TTL check <paramref name="checkId"/> (<c>service:{ID}</c>) for one more TTL; false when unknown.</summary>
    public bool PassTtl(string checkId)
    {
        lock (_lock)
        {
            var state = _services.Values.FirstOrDefault(s => s.Definition.CheckId == checkId);
            if (state?.Definition.Ttl is not { } ttl)
            {
                return false;
            }

            var now = _time.GetUtcNow();
            state.PassingUntil = now + ttl;
            if (state.Status != CheckStatus.Passing)
            {
                state.Status = CheckStatus.Passing;
                Changed(state.Definition.Name);
            }

            ArmExpiryTimer(now);
            return true;
        }
    }

    /// <summary>Removes a service and its check; false when no service has that ID.</summary>
    public bool Deregister(string serviceId)
    {
        lock (_lock)
        {
            if (!_services.Remove(serviceId, out var state))
            {
                return false;
            }

            Changed(state.Definition.Name);
            return true;
        }
    }

    /// <summary>The instances of <paramref name="serviceName"/> now, only passing ones when <paramref name="passingOnly"/>.</summary>
    public HealthSnapshot Health(string serviceName, bool passingOnly)
    {
        lock (_lock)
        {
            ExpireDue(_time.GetUtcNow());
            return Snapshot(serviceName, passingOnly);
        }
    }

    /// <summary>
    /// A blocking query: answers at once when <paramref name="index"/> is 0 or the name's index has moved past it,
    /// else when it does, or when <paramref name="wait"/> has passed (then with the unchanged result).
    /// </summary>
    public async Task<HealthSnapshot> WaitForHealthAsync(
        string serviceName, bool passingOnly, ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shuttingDown.Token);
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                waiting.Token.ThrowIfCancellationRequested();
                ExpireDue(_time.GetUtcNow());
                if (index == 0 || IndexOf(serviceName) > index)
                {
                    return Snapshot(serviceName, passingOnly);
                }

                changed = _changed.Task;
            }

            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return Health(serviceName, passingOnly);
            }

            try
            {
                await changed.WaitAsync(remaining, _time, waiting.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return Health(serviceName, passingOnly);
            }
        }
    }

    /// <summary>
    /// The agent is going away. The real one stops every check before it closes its endpoints (<c>ShutdownAgent</c>,
    /// then <c>ShutdownEndpoints</c>), so no member is reported critical because its passes could no longer arrive:
    /// likewise no TTL expires and nothing is reaped from now on, and the blocking queries still waiting end with
    /// <see cref="OperationCanceledException"/> (the endpoint then drops their connections), never with an answer.
    /// </summary>
    public void Shutdown()
    {
        lock (_lock)
        {
            _expiryTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _reapTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _shuttingDown.Cancel();
        }
    }

    /// <summary>Whether <see cref="Shutdown"/> was called.</summary>
    public bool IsShuttingDown => _shuttingDown.IsCancellationRequested;

    /// <summary>Removes services critical for longer than their DeregisterCriticalServiceAfter; returns how many.</summary>
    public int Reap()
    {
        lock (_lock)
        {
            if (IsShuttingDown)
            {
                return 0;
            }

            var now = _time.GetUtcNow();
            ExpireDue(now);
            var reaped = _services.Values
                .Where(s => s.Status == CheckStatus.Critical
                    && s.Definition.DeregisterCriticalServiceAfter is { } after
                    && now - s.CriticalSince >= Max(after, _minimumDeregisterAfter))
                .ToList();
            foreach (var state in reaped)
            {
                _services.Remove(state.Definition.Id);
                Changed(state.Definition.Name);
            }

            return reaped.Count;
        }
    }

    public void Dispose()
    {
        _expiryTimer.Dispose();
        _reapTimer.Dispose();
        _shuttingDown.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void OnExpiryDue()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            ExpireDue(now);
            ArmExpiryTimer(now);
        }
    }

    private void ExpireDue(DateTimeOffset now)
    {
        if (IsShuttingDown)
        {
            return;
        }

        foreach (var state in _services.Values)
        {
            if (state.Status == CheckStatus.Passing && state.PassingUntil <= now)
            {
                state.Status = CheckStatus.Critical;
                state.CriticalSince = state.PassingUntil;
                Changed(state.Definition.Name);
            }
        }
    }

    private void ArmExpiryTimer(DateTimeOffset now)
    {
        var next = _services.Values
            .Where(s => s.Status == CheckStatus.Passing)
            .Select(s => (DateTimeOffset?)s.PassingUntil)
            .Min();
        var due = next is { } at ? Max(at - now, TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
        _expiryTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private ulong IndexOf(string serviceName) => _nameIndex.GetValueOrDefault(serviceName, 1UL);

    private HealthSnapshot Snapshot(string serviceName, bool passingOnly)
    {
        var instances = _services.Values
            .Where(s => s.Definition.Name == serviceName)
            .Select(s => s.ToInstance())
            .Where(i => !passingOnly || i.IsPassing)
            .OrderBy(i => i.Definition.Id, StringComparer.Ordinal)
            .ToList();
        return new HealthSnapshot(instances, IndexOf(serviceName));
    }

    private void Changed(string serviceName)
    {
        _nameIndex[serviceName] = ++_lastIndex;
        var changed = _changed;
        _changed = NewSignal();
        changed.SetResult();
    }
}
