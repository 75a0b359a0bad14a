using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// The /miner page as a person uses it, in headless Chromium. The asset server has no grid
/// gateway, so after Start the page says so and mines its practice job.
/// </summary>
public sealed class MinerPageTests(Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Nothing_is_hashed_before_Start_is_tapped_and_hashing_begins_after()
    {
        var page = await chromium.OpenAsync("/miner?engine=js", output.WriteLine, Phone);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(page.Workers);
        Assert.Equal("Not started", await page.InnerTextAsync("#status"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("miner-phone-before-start.png"), FullPage = true });

        await page.ClickAsync("#start");
        await WaitForHashesAsync(page, more: 0);
        Assert.NotEmpty(page.Workers);
        Assert.StartsWith("Practice: no gateway", await page.InnerTextAsync("#status"));
        Assert.Equal("JavaScript", await page.InnerTextAsync("#engine"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Mining_pauses_while_the_tab_is_hidden_and_resumes_when_shown()
    {
        var page = await chromium.OpenAsync("/miner?engine=wasm", output.WriteLine, Phone);
        await page.ClickAsync("#start");
        await WaitForHashesAsync(page, more: 0);

        await SetHiddenAsync(page, hidden: true);
        // The status says paused only once every worker has finished its slice and stopped.
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent === 'Paused: tab hidden'", null, new() { Timeout = (float)Patience.TotalMilliseconds });
        var paused = await HashesAsync(page);

        await SetHiddenAsync(page, hidden: false);
        await WaitForHashesAsync(page, more: paused);
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("phone", 390, 844)]
    [InlineData("desktop", 1280, 800)]
    public async Task Screenshots_of_the_page_while_mining(string name, int width, int height)
    {
        var page = await chromium.OpenAsync("/miner?engine=wasm", output.WriteLine, new ViewportSize { Width = width, Height = height });
        await page.ClickAsync("#start");
        await WaitForHashesAsync(page, more: 0);
        // The rate shows once a few slices are in (it is rendered twice a second).
        await page.WaitForFunctionAsync("() => parseFloat(document.getElementById('rate').textContent) > 0", null, new() { Timeout = (float)Patience.TotalMilliseconds });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor($"miner-{name}-mining.png"), FullPage = true });

        // Nothing spills sideways on a phone: the page is no wider than the viewport.
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"page is {scrollWidth}px wide in a {width}px viewport");
        await page.ClickAsync("#start");
        await page.CloseAsync();
    }

    private static Task SetHiddenAsync(IPage page, bool hidden) =>
        // Headless Chromium has no real tab switching: override what the page reads and fire the event it listens to.
        page.EvaluateAsync(
            """
            (hidden) => {
              Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
              Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
              document.dispatchEvent(new Event('visibilitychange'));
            }
            """,
            hidden);

    /// <summary>Hashes since Start, as the page shows them (the rate's tooltip).</summary>
    private static async Task<long> HashesAsync(IPage page)
    {
        var title = await page.GetAttributeAsync("#rate", "title") ?? "0";
        return long.Parse(title.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static Task WaitForHashesAsync(IPage page, long more) =>
        page.WaitForFunctionAsync(
            "(n) => parseInt(document.getElementById('rate').title || '0') > n",
            more,
            new() { Timeout = (float)Patience.TotalMilliseconds, PollingInterval = 100 });
}
