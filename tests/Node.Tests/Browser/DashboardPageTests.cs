using System.Diagnostics;
using Beamchain.Node.Faults;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// The dashboard as a person watches it: two real node processes on 127.0.0.1, the page open on
/// the first one's gateway; blocks typed at the second one's prompt show on the page within
/// 2 s of reaching the first node, without a reload (Server-Sent Events).
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class DashboardPageTests(Chromium chromium, ITestOutputHelper log) : IClassFixture<Chromium>
{
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShownWithin = TimeSpan.FromSeconds(2);
    private const int Blocks = 4;

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
            Assert.Contains("dash-b", await page.InnerTextAsync("#miners"));

            // Let the rate chart gather a few points, then keep a picture of the page.
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#rate-chart polyline').length > 0", null, new() { Timeout = Ms(Patience) });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("dashboard-desktop.png"), FullPage = true });
        }
        finally
        {
            await page.CloseAsync();
            await cluster.StopAllAsync();
        }
    }

    private static float Ms(TimeSpan time) => (float)time.TotalMilliseconds;
}
