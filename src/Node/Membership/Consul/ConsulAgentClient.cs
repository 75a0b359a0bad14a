using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Beamchain.Node.Membership.Consul;

/// <summary>
/// The few calls of Consul's agent HTTP API that membership needs (see shared/CONSUL.md).
/// Every failure, whether an error status, no answer or an unreadable body, is a <see cref="ConsulAgentException"/>.
/// </summary>
public sealed class ConsulAgentClient : IDisposable
{
    private const string TokenHeader = "X-Consul-Token";
    private const string IndexHeader = "X-Consul-Index";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { PropertyNameCaseInsensitive = true };

    private readonly HttpClient _http;
    private readonly TimeSpan _requestTimeout;

    public ConsulAgentClient(ConsulProviderConfig config)
        : this(config, new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
    {
    }

    /// <summary>Uses <paramref name="handler"/> for the wire and disposes it with the client.</summary>
    public ConsulAgentClient(ConsulProviderConfig config, HttpMessageHandler handler)
    {
        // Each call carries its own deadline, because a blocking query legitimately takes minutes.
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = config.Address, Timeout = Timeout.InfiniteTimeSpan };
        if (config.Token is { } token)
        {
            _http.DefaultRequestHeaders.Add(TokenHeader, token);
        }

        _requestTimeout = config.RequestTimeout;
    }

    public Uri Address => _http.BaseAddress!;

    public async Task RegisterServiceAsync(ServiceRegistration registration, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "v1/agent/service/register")
        {
            Content = JsonContent.Create(registration, options: Json),
        };
        using var response = await SendAsync(request, _requestTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the TTL check <paramref name="checkId"/> (for a service: <c>service:{ID}</c>) passing for one more TTL.</summary>
    public async Task PassTtlAsync(string checkId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "v1/agent/check/pass/" + Uri.EscapeDataString(checkId));
        using var response = await SendAsync(request, _requestTimeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeregisterServiceAsync(string serviceId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "v1/agent/service/deregister/" + Uri.EscapeDataString(serviceId));
        using var response = await SendAsync(request, _requestTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The instances of <paramref name="serviceName"/> whose checks all pass. With <paramref name="index"/> above 0 this
    /// is a blocking query: the agent answers when the result's index moves past it or <paramref name="wait"/> ends.
    /// </summary>
    public async Task<HealthQueryResult> GetPassingServiceAsync(
        string serviceName, ulong index, TimeSpan wait, CancellationToken cancellationToken)
    {
        var path = string.Create(
            CultureInfo.InvariantCulture,
            $"v1/health/service/{Uri.EscapeDataString(serviceName)}?passing=true&index={index}&wait={GoDuration.Format(wait)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);

        // The agent adds up to wait/16 of jitter to a blocking query; allow that and one ordinary call on top.
        var deadline = wait + (wait / 16) + _requestTimeout;
        using var response = await SendAsync(request, deadline, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!TryReadIndex(response, out var resultIndex))
        {
            throw new ConsulAgentException(
                $"Consul answered {path} without a valid {IndexHeader} header", response.StatusCode, body);
        }

        return new HealthQueryResult(ParseHealthEntries(body), resultIndex);
    }

    /// <summary>The raft leader's address as the agent reports it ("" while there is none).</summary>
    public async Task<string> GetLeaderAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/status/leader");
        using var response = await SendAsync(request, _requestTimeout, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<string>(body, Json) ?? "";
        }
        catch (JsonException e)
        {
            throw new ConsulAgentException($"Consul's /v1/status/leader answer is not a JSON string: {body}", response.StatusCode, body, e);
        }
    }

    /// <summary>Reads a health query's body; exposed so the wire format is tested without an agent.</summary>
    public static IReadOnlyList<HealthEntry> ParseHealthEntries(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<List<HealthEntry>>(body, Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new ConsulAgentException($"Consul's health answer is not the expected JSON array: {e.Message}", HttpStatusCode.OK, body, e);
        }
    }

    public void Dispose() => _http.Dispose();

    private static bool TryReadIndex(HttpResponseMessage response, out ulong index)
    {
        index = 0;
        return response.Headers.TryGetValues(IndexHeader, out var values)
            && ulong.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var what = $"{request.Method} {request.RequestUri}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConsulAgentException($"Consul agent at {Address} did not answer {what} within {timeout.TotalSeconds:0.###} s", null, "", e);
        }
        catch (HttpRequestException e)
        {
            throw new ConsulAgentException($"Consul agent at {Address} could not be reached for {what}: {e.Message}", null, "", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var hint = response.StatusCode == HttpStatusCode.Forbidden ? " (check the ACL token: CONSUL_HTTP_TOKEN)" : "";
            throw new ConsulAgentException(
                $"Consul agent at {Address} refused {what}: {(int)response.StatusCode} {body.Trim()}{hint}", response.StatusCode, body);
        }
    }
}
