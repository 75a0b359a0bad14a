using System.Diagnostics;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// The dashboard as a person watches it: two real node processes on 127.0.0.1, the page open on
/// the first one's gateway; blocks typed at the second one's prompt show on the page within
/// 2 s of reaching the first node, without a reload (Server-Sent Events); a browser mining
/// through the gateway shows as a volunteer with its verified rate.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class DashboardPageTests(Chromium chromium, ITestOutputHelper log) : IClassFixture<Chromium>
{
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShownWithin = TimeSpan.FromSeconds(2);
    private const int Blocks = 4;
    private const int MoreBlocks = 12;
    private const string VolunteerRateShown = "() => !document.getElementById('volunteers-detail').textContent.endsWith(' 0 H/s')";

    private static string NodeDll => Path.Combine(AppContext.BaseDirectory, "beamchain.dll");

    [Fact]
    public async Task A_block_mined_at_another_nodes_prompt_shows_within_two_seconds_without_reload()
    {
        using var root = new TempDirectory();
        await using var cluster = new FaultCluster(NodeDll, root.Path, ["--cpu-threads", "1", "--block-time", "2s"]);
        var watched = await cluster.StartAsync("dash-a", seed: null, extraArguments: ["--device", "none", "--grid-port", "0"]);
        var web = await NodeWebAddress.ReadAsync(watched, Patience);
        var miner = await cluster.StartAsync("dash-b", watched);
        var page = await chromium.OpenAsync(web, log.WriteLine, Desktop);
        IPage? volunteer = null;
        try
        {
            // A reload would start a new document and lose this mark.
            await page.EvaluateAsync("() => { window.sameDocument = true; }");
            await page.WaitForFunctionAsync("() => document.getElementById('member-count').textContent === '(2)'", null, new() { Timeout = Ms(Patience) });

            for (var i = 1; i <= Blocks; i++)
            {
                var data = $"hello from dash-b, block {i}";
                Assert.True(await FaultCluster.MineAsync(miner, data));
                var stored = await watched.WaitForLineAsync(l => l.StartsWith("new block ", StringComparison.Ordinal) && l.EndsWith($"\"{data}\"", StringComparison.Ordinal), Patience, $"dash-a storing \"{data}\"");

                await page.WaitForFunctionAsync(
                    "(data) => [...document.querySelectorAll('#blocks td.data')].some(cell => cell.textContent === data)",
                    data,
                    new() { Timeout = Ms(Patience), PollingInterval = 20 });
                var shownAfter = Stopwatch.GetElapsedTime(stored.At);
                log.WriteLine($"block {i}: on the page {shownAfter.TotalMilliseconds:F0} ms after dash-a printed it");
                Assert.True(shownAfter < ShownWithin, $"block {i} showed {shownAfter.TotalSeconds:F2} s after dash-a stored it");
            }

            Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
            Assert.Equal($"{Blocks}", await page.InnerTextAsync("#height"));
            // One row per node, named: dash-b's shows its address and the rate its miner reports; dash-a's is this node, not mining.
            await page.WaitForFunctionAsync(
                "(address) => { const row = document.querySelector('#members li[data-name=\"dash-b\"]'); return row !== null && row.textContent.includes(address) && row.textContent.includes('H/s'); }",
                miner.Address,
                new() { Timeout = Ms(Patience) });
            var self = await page.InnerTextAsync("#members li[data-name='dash-a']");
            Assert.Contains(watched.Address, self);
            Assert.Contains("this node", self);
            Assert.Contains("not mining", self);

            // A browser starts mining through dash-a's gateway: the dashboard shows the volunteer and, once its shares prove it, its rate.
            volunteer = await chromium.OpenAsync(new Uri(web, "/miner?engine=wasm"), log.WriteLine);
            await volunteer.ClickAsync("#start");
            await page.WaitForFunctionAsync("() => document.getElementById('volunteers').textContent === '1'", null, new() { Timeout = Ms(Patience) });
            // Volunteers hash only while a job runs: blocks go on being mined until its shares prove a rate.
            for (var i = Blocks + 1; !await page.EvaluateAsync<bool>(VolunteerRateShown); i++)
            {
                Assert.True(i <= Blocks + MoreBlocks, $"{MoreBlocks} more blocks were mined and the volunteer's verified rate still showed 0");
                var data = $"hello from dash-b, block {i}";
                Assert.True(await FaultCluster.MineAsync(miner, data));
                await watched.WaitForLineAsync(l => l.StartsWith("new block ", StringComparison.Ordinal) && l.EndsWith($"\"{data}\"", StringComparison.Ordinal), Patience, $"dash-a storing \"{data}\"");
                await page.WaitForFunctionAsync("(data) => [...document.querySelectorAll('#blocks td.data')].some(cell => cell.textContent === data)", data, new() { Timeout = Ms(Patience) });
            }

            Assert.Contains("WebAssembly SIMD", await page.InnerTextAsync("#clients"));
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#rate-chart polyline').length == 2", null, new() { Timeout = Ms(Patience) });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("dashboard-desktop.png"), FullPage = true });

            // On a phone the page is one column and no wider than the screen.
            await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width, "the dashboard is wider than a phone");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("dashboard-phone.png"), FullPage = true });
        }
        finally
        {
            if (volunteer is not null)
            {
                await volunteer.CloseAsync();
            }

            await page.CloseAsync();
            await cluster.StopAllAsync();
        }
    }

    private static float Ms(TimeSpan time) => (float)time.TotalMilliseconds;
}
