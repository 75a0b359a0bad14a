using Beamchain.ConsulDouble;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.ConsulDouble;

public sealed class ConsulCatalogTests : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReapInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinimumDeregisterAfter = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ConsulCatalog _catalog;

    public ConsulCatalogTests() => _catalog = new ConsulCatalog(_time, ReapInterval, MinimumDeregisterAfter);

    public void Dispose() => _catalog.Dispose();

    [Fact]
    public void A_ttl_check_starts_critical_until_the_first_pass()
    {
        _catalog.Register(Service("a"));

        Assert.Empty(_catalog.Health("cluster", passingOnly: true).Instances);
        Assert.Equal(CheckStatus.Critical, _catalog.Health("cluster", passingOnly: false).Instances.Single().CheckStatus);

        Assert.True(_catalog.PassTtl("service:a"));
        Assert.Equal(["a"], PassingIds());
    }

    [Fact]
    public void A_service_without_a_check_always_passes()
    {
        _catalog.Register(Service("a") with { Ttl = null });

        Assert.Equal(["a"], PassingIds());
    }

    [Fact]
    public void A_passed_check_turns_critical_after_its_ttl_without_another_pass()
    {
        _catalog.Register(Service("a"));
        _catalog.PassTtl("service:a");

        _time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.Equal(["a"], PassingIds());

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Empty(PassingIds());
    }

    [Fact]
    public void Each_pass_extends_the_ttl_from_its_own_time()
    {
        _catalog.Register(Service("a"));
        _catalog.PassTtl("service:a");
        _time.Advance(TimeSpan.FromSeconds(8));
        _catalog.PassTtl("service:a");

        _time.Advance(TimeSpan.FromSeconds(8));

        Assert.Equal(["a"], PassingIds());
    }

    [Fact]
    public void Passing_an_unknown_check_fails()
    {
        _catalog.Register(Service("a"));

        Assert.False(_catalog.PassTtl("service:b"));
        Assert.False(_catalog.PassTtl("a"));
    }

    [Fact]
    public void Registering_an_existing_id_replaces_it_and_keeps_its_check_state()
    {
        _catalog.Register(Service("a"));
        _catalog.PassTtl("service:a");

        _catalog.Register(Service("a") with { Port = 9999, Tags = ["chain"] });

        var instance = _catalog.Health("cluster", passingOnly: true).Instances.Single();
        Assert.Equal(9999, instance.Definition.Port);
        Assert.Equal(["chain"], instance.Definition.Tags);
    }

    [Fact]
    public void Deregistering_removes_the_service_and_its_check()
    {
        _catalog.Register(Service("a"));

        Assert.True(_catalog.Deregister("a"));

        Assert.Empty(_catalog.Health("cluster", passingOnly: false).Instances);
        Assert.False(_catalog.PassTtl("service:a"));
        Assert.False(_catalog.Deregister("a"));
    }

    [Fact]
    public void Every_change_raises_the_index_and_a_repeated_pass_does_not()
    {
        var before = _catalog.Health("cluster", false).Index;
        _catalog.Register(Service("a"));
        var registered = _catalog.Health("cluster", false).Index;
        _catalog.PassTtl("service:a");
        var passing = _catalog.Health("cluster", false).Index;
        _catalog.PassTtl("service:a");
        var passedAgain = _catalog.Health("cluster", false).Index;
        _time.Advance(Ttl);
        var expired = _catalog.Health("cluster", false).Index;

        Assert.True(before < registered && registered < passing && passing < expired, $"{before} {registered} {passing} {expired}");
        Assert.Equal(passing, passedAgain);
    }

    [Fact]
    public void Other_services_do_not_move_a_services_index()
    {
        _catalog.Register(Service("a"));
        var index = _catalog.Health("cluster", false).Index;

        _catalog.Register(Service("x") with { Name = "other" });

        Assert.Equal(index, _catalog.Health("cluster", false).Index);
    }

    [Fact]
    public async Task A_query_with_index_zero_answers_at_once()
    {
        var answer = _catalog.WaitForHealthAsync("cluster", true, 0, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.True(answer.IsCompleted);
        Assert.Empty((await answer).Instances);
    }

    [Fact]
    public async Task A_blocking_query_answers_when_the_result_changes()
    {
        var index = _catalog.Health("cluster", true).Index;
        var answer = _catalog.WaitForHealthAsync("cluster", true, index, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.False(answer.IsCompleted);

        _catalog.Register(Service("a"));

        var snapshot = await answer.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(snapshot.Index > index);
    }

    [Fact]
    public async Task A_blocking_query_answers_when_a_ttl_expires()
    {
        _catalog.Register(Service("a"));
        _catalog.PassTtl("service:a");
        var index = _catalog.Health("cluster", true).Index;
        var answer = _catalog.WaitForHealthAsync("cluster", true, index, TimeSpan.FromMinutes(5), CancellationToken.None);

        _time.Advance(Ttl);

        Assert.Empty((await answer.WaitAsync(TimeSpan.FromSeconds(5))).Instances);
    }

    [Fact]
    public async Task A_blocking_query_answers_unchanged_when_its_wait_ends()
    {
        _catalog.Register(Service("a"));
        var index = _catalog.Health("cluster", false).Index;
        var answer = _catalog.WaitForHealthAsync("cluster", false, index, TimeSpan.FromSeconds(3), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(answer.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(index, (await answer.WaitAsync(TimeSpan.FromSeconds(5))).Index);
    }

    [Fact]
    public async Task A_blocking_query_with_a_future_index_waits_like_the_agent()
    {
        var index = _catalog.Health("cluster", false).Index;
        var answer = _catalog.WaitForHealthAsync("cluster", false, index + 100, TimeSpan.FromSeconds(3), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(index, (await answer.WaitAsync(TimeSpan.FromSeconds(5))).Index);
    }

    [Fact]
    public async Task Shutting_down_stops_the_checks_and_ends_waiting_queries_without_an_answer()
    {
        _catalog.Register(Service("a"));
        _catalog.PassTtl("service:a");
        var index = _catalog.Health("cluster", true).Index;
        var answer = _catalog.WaitForHealthAsync("cluster", true, index, TimeSpan.FromMinutes(5), CancellationToken.None);

        _catalog.Shutdown();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer.WaitAsync(TimeSpan.FromSeconds(5)));
        _time.Advance(Ttl + MinimumDeregisterAfter + ReapInterval);
        Assert.Equal(["a"], _catalog.Health("cluster", true).Instances.Select(i => i.Definition.Id));
        Assert.Equal(0, _catalog.Reap());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _catalog.WaitForHealthAsync("cluster", true, index, TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    [Fact]
    public void A_critical_service_is_reaped_after_deregister_critical_service_after()
    {
        _catalog.Register(Service("a") with { DeregisterCriticalServiceAfter = TimeSpan.FromMinutes(2) });
        _catalog.PassTtl("service:a");
        _time.Advance(Ttl); // critical from here

        _time.Advance(TimeSpan.FromSeconds(90)); // reaper ran, 90 s critical
        Assert.Single(_catalog.Health("cluster", passingOnly: false).Instances);

        _time.Advance(TimeSpan.FromSeconds(60)); // reaper ran again, 150 s critical
        Assert.Empty(_catalog.Health("cluster", passingOnly: false).Instances);
    }

    [Fact]
    public void Reaping_treats_a_shorter_deregister_after_as_the_minimum()
    {
        _catalog.Register(Service("a") with { DeregisterCriticalServiceAfter = TimeSpan.FromSeconds(5) });

        _time.Advance(TimeSpan.FromSeconds(59)); // the reaper ran at 30 s
        Assert.Equal(0, _catalog.Reap());
        Assert.Single(_catalog.Health("cluster", passingOnly: false).Instances);

        _time.Advance(TimeSpan.FromSeconds(1)); // the reaper runs at 60 s
        Assert.Empty(_catalog.Health("cluster", passingOnly: false).Instances);
    }

    [Fact]
    public void A_service_without_deregister_after_is_never_reaped()
    {
        _catalog.Register(Service("a") with { DeregisterCriticalServiceAfter = null });

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Single(_catalog.Health("cluster", passingOnly: false).Instances);
    }

    private string[] PassingIds() => _catalog.Health("cluster", passingOnly: true).Instances.Select(i => i.Definition.Id).ToArray();

    private static ServiceDefinition Service(string id) =>
        new(id, "cluster", [], "127.0.0.1", 4000, new Dictionary<string, string> { ["id"] = id }, Ttl, TimeSpan.FromMinutes(1));
}
