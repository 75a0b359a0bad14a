using System.Text.RegularExpressions;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// The browser miner end to end: a real node process that cannot hash (<c>--device none</c>)
/// opens its gateway on a free port; headless Chromium opens the node's own <c>/miner</c> page
/// and taps Start; the page's grid client joins that gateway's <c>/grid</c>, and the block typed
/// at the node's prompt is mined by the browser and credited to the gateway.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed partial class MinerGatewayTests(Chromium chromium, ITestOutputHelper log) : IClassFixture<Chromium>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private const int MaxBlocks = 10;

    // A few blocks in a row: the page must keep up with job changes without being refused.
    private const int MinBlocks = 4;

    private static string NodeDll => Path.Combine(AppContext.BaseDirectory, "beamchain.dll");

    [Fact]
    public async Task A_browser_that_taps_Start_mines_a_block_whose_figures_credit_the_gateway()
    {
        using var root = new TempDirectory();
        await using var cluster = new FaultCluster(NodeDll, root.Path, ["--device", "none", "--grid-port", "0", "--block-time", "2s"]);
        var node = await cluster.StartAsync("browser-gw", seed: null);
        var web = await NodeWebAddress.ReadAsync(node, Patience);
        var page = await chromium.OpenAsync(new Uri(web, "/miner?engine=wasm"), log.WriteLine, Phone);
        try
        {
            await page.ClickAsync("#start");
            await page.WaitForFunctionAsync("() => document.getElementById('status').textContent === 'Mining for the cluster'", null, new() { Timeout = Ms(Patience) });

            // Every block is the browser's (the node cannot hash). A block solved within the browser's
            // first work carries little or no credit; as the difficulty climbs to 2 s of browser
            // hashing, blocks span reported progress and finished works, and the gateway is credited.
            ulong credited = 0;
            for (var block = 1; block <= MaxBlocks && (credited == 0 || block <= MinBlocks); block++)
            {
                Assert.True(await FaultCluster.MineAsync(node, $"mined in a browser {block}"));
                var figures = await node.WaitForLineAsync(l => l.StartsWith($"block {block} mined in ", StringComparison.Ordinal), Patience, $"block {block}'s figures");
                log.WriteLine(figures.Text);
                Assert.Contains("solved by browser-gw/grid;", figures.Text);
                var credit = CreditLine().Match(figures.Text);
                credited = credit.Success ? ulong.Parse(credit.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            }

            Assert.True(credited > 0, $"none of {MaxBlocks} blocks credited nonces to browser-gw/grid");

            // The page counted the share that was the block.
            await page.WaitForFunctionAsync("() => /[1-9]\\d* solved a block/.test(document.getElementById('shares-detail').textContent)", null, new() { Timeout = Ms(Patience) });
            Assert.StartsWith("#", await page.InnerTextAsync("#block"));
            var status = await page.GetAttributeAsync("#status", "title");
            log.WriteLine($"page: {status}; {await page.InnerTextAsync("#shares-detail")}");
            Assert.Equal("Mining for the cluster", status);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("miner-phone-grid.png"), FullPage = true });
            await page.ClickAsync("#start");
        }
        finally
        {
            await page.CloseAsync();
            await cluster.StopAllAsync();
        }
    }

    private static float Ms(TimeSpan time) => (float)time.TotalMilliseconds;

    [GeneratedRegex(@"nonces per node: .*browser-gw/grid (\d+)")]
    private static partial Regex CreditLine();
}
