using System.Text.Json;
using Beamchain.Harness;
using Beamchain.Harness.Processes;

namespace Beamchain.Node.Tests.Logging;

/// <summary>
/// Results on standard output, diagnostics through the logger on standard error, seen from outside
/// a real node process: a program can read <c>read --json</c> from standard output while the node
/// mines, and a Consul agent going away is said on standard error.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class StandardStreamsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "beamchain.dll");

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Read_json_on_a_mining_node_is_one_whole_JSON_line_on_standard_output()
    {
        // Difficulty climbs fourfold a block towards a 30 s block, so the queued requests keep the CPU hashing.
        await using var node = NodeProcess.Start(Dll, "json-a", FreePort.Next(), _dir.File("json-a"),
            ["--cluster", "single", "--device", "cpu", "--cpu-threads", "1", "--block-time", "30s"]);
        await node.WaitForLineAsync(l => l.Contains("listening on", StringComparison.Ordinal), Timeout, "the node listening");
        foreach (var data in Enumerable.Range(1, 12))
        {
            await node.SendAsync($"mine request-{data}");
        }

        await node.WaitForLineAsync(l => l.StartsWith("new block 2 ", StringComparison.Ordinal), Timeout, "block 2");
        var progressBefore = await node.WaitForLineAsync(IsProgress, Timeout, "a progress line while mining", from: node.Lines.Count);

        await node.SendAsync("read --json");
        var json = await node.WaitForLineAsync(l => l.StartsWith('{'), Timeout, "the JSON answer");
        var progressAfter = await node.WaitForLineAsync(IsProgress, Timeout, "a progress line after the answer", from: IndexOf(node, json) + 1);
        await node.SendAsync("exit");

        Assert.False(json.OnError);
        Assert.False(progressBefore.OnError);
        Assert.False(progressAfter.OnError);
        using var document = JsonDocument.Parse(json.Text);
        var blocks = document.RootElement.GetProperty("blocks").EnumerateArray().ToArray();
        Assert.True(blocks.Length >= 3, $"{blocks.Length} blocks");
        Assert.Equal(Enumerable.Range(0, blocks.Length), blocks.Select(b => b.GetProperty("height").GetInt32()));
        Assert.All(node.Lines.Where(l => !l.OnError), l => Assert.DoesNotContain("warn:", l.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Consul_agent_that_goes_away_is_reported_on_standard_error()
    {
        await using var consul = new ConsulDoubleProcess(Path.Combine(AppContext.BaseDirectory, "Beamchain.ConsulDouble.dll"), "127.0.0.1", FreePort.Next());
        await consul.StartAsync();
        await using var node = NodeProcess.Start(Dll, "consul-a", FreePort.Next(), _dir.File("consul-a"),
            ["--cluster", "consul", "--consul", consul.Address.ToString(), "--device", "none"]);
        await node.WaitForLineAsync(l => l.Contains("listening on", StringComparison.Ordinal), Timeout, "the node listening");

        await consul.StopAsync();
        var unreachable = await node.WaitForLineAsync(
            l => l.StartsWith($"Consul agent at {consul.Address}", StringComparison.Ordinal) && l.Contains(" cannot be reached ", StringComparison.Ordinal),
            Timeout, "the logger saying Consul cannot be reached");

        Assert.True(unreachable.OnError, "said on standard error");
        Assert.DoesNotContain(node.Lines, l => !l.OnError && l.Text.Contains("Consul agent", StringComparison.Ordinal));
    }

    private static bool IsProgress(string line) => line.StartsWith("json-a: ", StringComparison.Ordinal) && line.EndsWith(" nonces processed", StringComparison.Ordinal);

    private static int IndexOf(NodeProcess node, OutputLine line) => node.Lines.ToList().IndexOf(line);
}
