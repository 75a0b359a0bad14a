using System.Net;

namespace Beamchain.Node.Membership.Consul;

/// <summary>The agent answered a call with an error status; <see cref="Exception.Message"/> carries its text.</summary>
public sealed class ConsulAgentException(string message, HttpStatusCode? statusCode, string responseBody, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status, or null when no answer came (connection refused, timeout, bad body).</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;

    public string ResponseBody { get; } = responseBody;
}
