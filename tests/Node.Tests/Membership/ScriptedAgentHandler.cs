using System.Net;
using System.Threading.Channels;

namespace Beamchain.Node.Tests.Membership;

/// <summary>
/// Answers HTTP requests with a script of health answers, one per request, and records what was asked;
/// once the script is used up a request hangs until cancelled, like a blocking query with nothing new.
/// </summary>
internal sealed class ScriptedAgentHandler(params Func<HttpResponseMessage>[] script) : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _script = new(script);
    private readonly Channel<Uri> _requests = Channel.CreateUnbounded<Uri>();

    /// <summary>The next request's address, in the order they were sent.</summary>
    public async Task<Uri> NextRequestAsync() => await _requests.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public static HttpResponseMessage Health(ulong index, params string[] systemIds)
    {
        var entries = systemIds.Select(id =>
            $$$"""{"Node":{"Node":"n","Address":"127.0.0.1"},"Service":{"ID":"c-{{{id}}}","Service":"c","Tags":[],"Address":"127.0.0.1","Port":4000,"Meta":{"id":"{{{id}}}"}},"Checks":[{"CheckID":"serfHealth","Status":"passing"}]}""");
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($"[{string.Join(',', entries)}]") };
        response.Headers.Add("X-Consul-Index", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }

    public static HttpResponseMessage Failure() => new(HttpStatusCode.InternalServerError) { Content = new StringContent("rpc error") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _requests.Writer.WriteAsync(request.RequestUri!, cancellationToken);
        Func<HttpResponseMessage>? next;
        lock (_script)
        {
            _script.TryDequeue(out next);
        }

        if (next is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return next!();
    }
}
