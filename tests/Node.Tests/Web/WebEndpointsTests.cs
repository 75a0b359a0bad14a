using System.Net;
using System.Text.Json;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grid;
using Beamchain.Node.Tests.Grid;
using Beamchain.Harness;
using Beamchain.Node.Tests.Cluster;

namespace Beamchain.Node.Tests.Web;

/// <summary>
/// A real mining node with a gateway on a free loopback port, asked over HTTP the way Prometheus
/// and programs ask: <c>/metrics</c> is strict Prometheus text whose block counter rises with
/// each block, and the JSON and page endpoints answer or refuse clearly.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class WebEndpointsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Metrics_parse_as_prometheus_text_and_the_block_counter_rises_with_each_block()
    {
        await using var node = await TestNode.StartAsync("metrics", SeedMembership.First());
        await using var gateway = await NodeGateway.OpenAsync(GridNode.Settings, node.Node, TimeProvider.System, node.Output.Logger("Beamchain.Grid"));
        using var http = new HttpClient { BaseAddress = gateway.WebAddress };

        var first = await ScrapeAsync(http);
        Assert.Equal("counter", first.Types["beamchain_blocks_total"]);
        Assert.Equal(0, first.Single("beamchain_blocks_total", "node=metrics"));
        for (var block = 1; block <= 3; block++)
        {
            var accepted = await node.Node.MineAsync($"metered {block}");
            await Eventually.WithinAsync(node.Node.WhenMinedAsync(accepted.RequestId), Timeout, $"block {block}");

            // The exporter caches a scrape for 300 ms; the next one shows the block.
            var expected = block;
            await Eventually.TrueAsync(async () => (await ScrapeAsync(http)).Single("beamchain_blocks_total", "node=metrics") == expected, Timeout, $"beamchain_blocks_total = {block}");
        }

        var last = await ScrapeAsync(http);
        Assert.True(last.Single("beamchain_block_time_seconds_count", "node=metrics") >= 1, "the block-time histogram counted no block");
        Assert.True(last.Single("beamchain_difficulty_bits", "node=metrics") >= 16);
        Assert.Equal("gauge", last.Types["beamchain_miner_hashes_per_second"]);
        Assert.True(last.Single("beamchain_leases_issued_total", "node=metrics") >= 3);
        Assert.Equal(0, last.Single("beamchain_grid_clients", "node=metrics"));
    }

    [Fact]
    public async Task Each_gateway_exports_only_its_own_node_and_lease_counters_keep_rising_when_the_dispenser_moves()
    {
        var nodes = new List<(TestNode Node, GridGateway Gateway, HttpClient Http)>();
        try
        {
            foreach (var name in new[] { "meter-a", "meter-b", "meter-c" })
            {
                var node = await TestNode.StartAsync(name, nodes.Count == 0 ? SeedMembership.First() : SeedMembership.Joining(nodes[0].Node.Node));
                var gateway = await NodeGateway.OpenAsync(GridNode.Settings, node.Node, TimeProvider.System, node.Output.Logger("Beamchain.Grid"));
                nodes.Add((node, gateway, new HttpClient { BaseAddress = gateway.WebAddress }));
            }

            await Eventually.TrueAsync(() => nodes.All(n => n.Node.Node.Members.Count == 3), Timeout, "three members");
            await MineAndWaitAsync(nodes[0].Node.Node, "before the move");
            var host = (await nodes[0].Node.Node.StatusAsync()).Job?.Host;
            Assert.NotNull(host);

            // Three meters named Beamchain live in this process: each scrape has its own node's series only.
            var before = new Dictionary<string, double>();
            foreach (var (node, _, http) in nodes)
            {
                var scrape = await ScrapeAsync(http);
                var name = node.Node.Name;
                Assert.All(scrape.Samples.Where(s => s.Labels.ContainsKey("node")), s => Assert.Equal(name, s.Labels["node"]));
                before[name] = scrape.Single("beamchain_leases_issued_total", $"node={name}");
            }

            // The dispenser's host leaves; the grain starts again on another member, from nothing.
            var leaving = nodes.Single(n => n.Node.Node.Address == host);
            nodes.Remove(leaving);
            leaving.Http.Dispose();
            await leaving.Gateway.DisposeAsync();
            await leaving.Node.DisposeAsync();

            await MineAndWaitAsync(nodes[0].Node.Node, "after the move");
            var newHost = (await nodes[0].Node.Node.StatusAsync()).Job?.Host;
            Assert.NotNull(newHost);
            Assert.NotEqual(host, newHost);
            foreach (var (node, _, http) in nodes)
            {
                var name = node.Node.Name;
                var leases = node.Node.Leases;
                var expected = leases.Issued;
                await Eventually.TrueAsync(async () => (await ScrapeAsync(http)).Single("beamchain_leases_issued_total", $"node={name}") >= expected, Timeout, $"{name}'s leases_issued reaching {expected}");
                var after = await ScrapeAsync(http);
                Assert.True(after.Single("beamchain_leases_issued_total", $"node={name}") >= before[name], $"{name}'s leases_issued fell when the dispenser moved");
                Assert.True(after.Single("beamchain_leases_issued_total", $"node={name}") > before[name], $"{name} was issued no lease by the new dispenser");
                Assert.Single(after.Samples, s => s.Name == "beamchain_leases_issued_total");
            }
        }
        finally
        {
            foreach (var (node, gateway, http) in nodes)
            {
                http.Dispose();
                await gateway.DisposeAsync();
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_chain_api_pages_and_refuses_a_bad_query_with_400_and_a_reason()
    {
        await using var grid = await GridNode.StartAsync("api");
        using var http = new HttpClient { BaseAddress = grid.Gateway.WebAddress };

        using var page = JsonDocument.Parse(await http.GetStringAsync("/api/chain?from=0&count=5"));
        var refused = await http.GetAsync("/api/chain?count=5000");
        var missing = await http.GetAsync("/nothing/here.js");

        Assert.Equal(0UL, page.RootElement.GetProperty("tip").GetUInt64());
        Assert.Single(page.RootElement.GetProperty("blocks").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("count is a number of blocks from 1 to 1000", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("/miner", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_dashboard_and_miner_pages_and_their_scripts_are_served_from_the_gateway()
    {
        await using var grid = await GridNode.StartAsync("pages");
        using var http = new HttpClient { BaseAddress = grid.Gateway.WebAddress };

        foreach (var (path, type) in new[] { ("/", "text/html"), ("/miner", "text/html"), ("/miner/miner.js", "text/javascript"), ("/dashboard/dashboard.js", "text/javascript"), ("/miner/engines/sha256-simd.wasm", "application/wasm") })
        {
            using var answer = await http.GetAsync(path);
            Assert.True(answer.IsSuccessStatusCode, $"{path}: {answer.StatusCode}");
            Assert.StartsWith(type, answer.Content.Headers.ContentType!.ToString());
        }
    }

    private static async Task MineAndWaitAsync(ClusterNode node, string data)
    {
        var accepted = await node.MineAsync(data);
        Assert.True(accepted.Error.Length == 0, accepted.Error);
        await Eventually.WithinAsync(node.WhenMinedAsync(accepted.RequestId), Timeout, $"block \"{data}\"");
    }

    private static async Task<PrometheusText.Exposition> ScrapeAsync(HttpClient http)
    {
        using var answer = await http.GetAsync("/metrics");
        answer.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", answer.Content.Headers.ContentType!.ToString());
        return PrometheusText.Parse(await answer.Content.ReadAsStringAsync());
    }
}
