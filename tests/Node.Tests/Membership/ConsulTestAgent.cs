using System.Text.Json;

namespace Beamchain.Node.Tests.Membership;

/// <summary>
/// A Consul HTTP API for a test: the in-process double always, and a real <c>consul agent -dev</c> as well when a
/// <c>consul</c> binary is on the PATH, so the same tests check the double against the real thing.
/// </summary>
public abstract class ConsulTestAgent : IAsyncDisposable
{
    public const string Double = "double";
    public const string RealAgent = "consul";

    public abstract Uri Address { get; }

    /// <summary>The agent kinds to run membership tests against, as xunit member data.</summary>
    public static TheoryData<string> Kinds()
    {
        var kinds = new TheoryData<string> { Double };
        if (ConsulDevAgent.FindBinary() is not null)
        {
            kinds.Add(RealAgent);
        }

        return kinds;
    }

    public static async Task<ConsulTestAgent> StartAsync(string kind) => kind switch
    {
        Double => await DoubleTestAgent.StartAsync(),
        RealAgent => await ConsulDevAgent.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown Consul agent kind."),
    };

    /// <summary>The IDs registered under <paramref name="serviceName"/>, read with plain HTTP so no product code is involved.</summary>
    public async Task<string[]> ServiceIdsAsync(string serviceName, bool passingOnly)
    {
        using var http = new HttpClient { BaseAddress = Address };
        var body = await http.GetStringAsync($"v1/health/service/{serviceName}{(passingOnly ? "?passing=true" : "")}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.EnumerateArray().Select(e => e.GetProperty("Service").GetProperty("ID").GetString()!).Order(StringComparer.Ordinal).ToArray();
    }

    public abstract ValueTask DisposeAsync();
}
