using System.Text.Json;
using Beamchain.Harness.Faults;
using Beamchain.Node.Status;
using Beamchain.Node.Tests.Browser;

namespace Beamchain.Node.Tests.Web;

/// <summary><c>/api/status</c> on a node process's gateway is the status document <c>status --json</c> prints, gateway included.</summary>
public sealed class StatusApiTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static string NodeDll => Path.Combine(AppContext.BaseDirectory, "beamchain.dll");

    [Fact]
    public async Task The_status_api_serves_the_status_document_of_the_node()
    {
        using var root = new TempDirectory();
        await using var cluster = new FaultCluster(NodeDll, root.Path, ["--device", "none", "--grid-port", "0"]);
        var node = await cluster.StartAsync("status-api", seed: null);
        var web = await NodeWebAddress.ReadAsync(node, Patience);
        using var http = new HttpClient { BaseAddress = web };
        try
        {
            using var answer = await http.GetAsync("/api/status");
            var text = await answer.Content.ReadAsStringAsync();

            Assert.True(answer.IsSuccessStatusCode, $"{answer.StatusCode}: {text}");
            Assert.StartsWith("application/json", answer.Content.Headers.ContentType!.ToString());
            var status = JsonSerializer.Deserialize(text, StatusJsonContext.Default.StatusDocument)!;
            Assert.Equal(StatusDocument.CurrentVersion, status.Version);
            Assert.Equal("status-api", status.Node);
            Assert.Equal([status.Address], status.Members);
            Assert.Empty(status.Devices);
            Assert.NotNull(status.Gateway);
        }
        finally
        {
            await cluster.StopAllAsync();
        }
    }
}
