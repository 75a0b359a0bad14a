using System.Net;
using System.Text;
using System.Text.Json;
using Beamchain.ConsulDouble;

namespace Beamchain.Node.Tests.ConsulDouble;

/// <summary>The double's wire behaviour, checked with plain HTTP so it stands on its own, apart from our client.</summary>
public sealed class ConsulDoubleHttpTests : IAsyncLifetime
{
    private const string Registration = """
        {"ID":"web-1","Name":"web","Tags":["chain"],"Address":"127.0.0.1","Port":4000,"Meta":{"id":"s1"},
         "Check":{"TTL":"10s","DeregisterCriticalServiceAfter":"1m"}}
        """;

    private ConsulDoubleServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsulDoubleServer.StartAsync(new ConsulDoubleOptions { Port = 0, Token = "secret" });
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        _http.DefaultRequestHeaders.Add("X-Consul-Token", "secret");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Health_answers_carry_the_agent_shape_and_index_header()
    {
        await PutAsync("v1/agent/service/register", Registration);
        await PutAsync("v1/agent/check/pass/service:web-1");

        using var response = await _http.GetAsync("v1/health/service/web?passing");

        Assert.True(ulong.Parse(response.Headers.GetValues("X-Consul-Index").Single()) > 0);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entry = json.RootElement.EnumerateArray().Single();
        Assert.Equal("127.0.0.1", entry.GetProperty("Node").GetProperty("Address").GetString());
        var service = entry.GetProperty("Service");
        Assert.Equal(("web-1", "web", 4000, "s1"), (service.GetProperty("ID").GetString(), service.GetProperty("Service").GetString(),
            service.GetProperty("Port").GetInt32(), service.GetProperty("Meta").GetProperty("id").GetString()));
        Assert.Equal(
            ["serfHealth:passing", "service:web-1:passing"],
            entry.GetProperty("Checks").EnumerateArray().Select(c => $"{c.GetProperty("CheckID").GetString()}:{c.GetProperty("Status").GetString()}"));
    }

    [Fact]
    public async Task A_blocking_query_is_held_until_the_index_moves()
    {
        using var first = await _http.GetAsync("v1/health/service/web");
        var index = first.Headers.GetValues("X-Consul-Index").Single();

        var blocked = _http.GetAsync($"v1/health/service/web?index={index}&wait=1m");
        Assert.False(blocked.IsCompleted);
        await PutAsync("v1/agent/service/register", Registration);

        using var answer = await blocked.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotEqual(index, answer.Headers.GetValues("X-Consul-Index").Single());
    }

    [Fact]
    public async Task A_blocking_query_answers_unchanged_when_its_wait_ends()
    {
        using var first = await _http.GetAsync("v1/health/service/web");
        var index = first.Headers.GetValues("X-Consul-Index").Single();

        using var answer = await _http.GetAsync($"v1/health/service/web?index={index}&wait=100ms").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(index, answer.Headers.GetValues("X-Consul-Index").Single());
    }

    [Fact]
    public async Task A_blocking_query_waiting_when_the_double_stops_gets_no_answer()
    {
        // Its own double: stopping is what this test does.
        var server = await ConsulDoubleServer.StartAsync(new ConsulDoubleOptions { Port = 0 });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var first = await http.GetAsync("v1/health/service/web");
        var index = first.Headers.GetValues("X-Consul-Index").Single();
        var blocked = http.GetAsync($"v1/health/service/web?index={index}&wait=1m");
        Assert.False(blocked.IsCompleted);

        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        // The connection ends (as when the real agent's endpoints close): no answer the client could take as the members.
        await Assert.ThrowsAsync<HttpRequestException>(() => blocked.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Calls_without_the_token_are_forbidden_except_the_leader_probe()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.BaseAddress };

        using var register = await anonymous.PutAsync("v1/agent/service/register", new StringContent(Registration));
        using var health = await anonymous.GetAsync("v1/health/service/web");
        using var leader = await anonymous.GetAsync("v1/status/leader");

        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, health.StatusCode);
        Assert.Equal("\"127.0.0.1:8300\"", await leader.Content.ReadAsStringAsync());
        Assert.Empty(_server.Catalog.Health("web", passingOnly: false).Instances);
    }

    [Theory]
    [InlineData("""{"ID":"x"}""", "Missing service name")]
    [InlineData("""{"Name":"web","Check":{"TTL":"ten seconds"}}""", "TTL must be a positive Go duration")]
    [InlineData("""{"Name":"web","Check":{"TTL":"10s","DeregisterCriticalServiceAfter":"soon"}}""", "DeregisterCriticalServiceAfter")]
    [InlineData("""not json""", "Request decode failed")]
    public async Task A_bad_registration_is_a_bad_request_that_says_why(string body, string expected)
    {
        using var response = await _http.PutAsync("v1/agent/service/register", new StringContent(body, Encoding.UTF8));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_checks_and_services_are_not_found()
    {
        using var pass = await _http.PutAsync("v1/agent/check/pass/service:nobody", null);
        using var deregister = await _http.PutAsync("v1/agent/service/deregister/nobody", null);

        Assert.Equal(HttpStatusCode.NotFound, pass.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deregister.StatusCode);
    }

    [Fact]
    public async Task A_bad_index_or_wait_is_a_bad_request()
    {
        using var index = await _http.GetAsync("v1/health/service/web?index=abc");
        using var wait = await _http.GetAsync("v1/health/service/web?index=1&wait=forever");

        Assert.Equal(HttpStatusCode.BadRequest, index.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wait.StatusCode);
    }

    private async Task PutAsync(string path, string body = "")
    {
        using var response = await _http.PutAsync(path, new StringContent(body));
        response.EnsureSuccessStatusCode();
    }
}
