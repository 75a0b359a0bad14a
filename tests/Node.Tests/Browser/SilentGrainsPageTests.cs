using Beamchain.Harness.Faults;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// The dashboard when the grains stop answering: two real node processes on 127.0.0.1, the
/// grains on the first (it activates them while alone), the page open on the second's gateway.
/// The first is paused with SIGSTOP: the page says in its red line that the grains have not
/// answered, while it stays live (the page's own node answers). Two members never drop one of
/// themselves (a tie), so the grains stay silent until SIGCONT; then the red line goes.
/// </summary>
[Collection(HashingTests.Collection)]
public sealed class SilentGrainsPageTests(Chromium chromium, ITestOutputHelper log) : IClassFixture<Chromium>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string ProblemShown = "() => { const p = document.getElementById('problem'); return !p.hidden && p.textContent.includes('have not answered'); }";
    private const string ProblemGone = "() => document.getElementById('problem').hidden";

    private static string NodeDll => Path.Combine(AppContext.BaseDirectory, "beamchain.dll");

    [Fact]
    public async Task Grains_that_stop_answering_show_as_a_red_line_on_the_live_page_which_goes_when_they_answer_again()
    {
        using var root = new TempDirectory();
        await using var cluster = new FaultCluster(NodeDll, root.Path, ["--device", "none"]);
        var host = await cluster.StartAsync("silent-grains", seed: null);
        var asked = await FaultCluster.StatusAsync(host); // activates both grains here, its only member
        Assert.Equal(host.Address, asked.Chain.Host);
        var watched = await cluster.StartAsync("silent-page", host, extraArguments: ["--grid-port", "0"]);
        var web = await NodeWebAddress.ReadAsync(watched, Patience);
        var view = await FaultCluster.StatusAsync(watched);
        Assert.Equal((host.Address, host.Address), (view.Chain.Host, view.Dispenser.Host));

        var page = await chromium.OpenAsync(web, log.WriteLine);
        var paused = false;
        try
        {
            await page.WaitForFunctionAsync("() => document.getElementById('member-count').textContent === '(2)'", null, new() { Timeout = Ms(Patience) });
            await page.WaitForFunctionAsync(ProblemGone, null, new() { Timeout = Ms(Patience) });

            host.Signal("STOP");
            paused = true;
            await page.WaitForFunctionAsync(ProblemShown, null, new() { Timeout = Ms(Patience), PollingInterval = 100 });
            Assert.Equal("Live", await page.InnerTextAsync("#live"));
            log.WriteLine($"shown: {await page.InnerTextAsync("#problem")}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("dashboard-silent-grains.png") });

            host.Signal("CONT");
            paused = false;
            await page.WaitForFunctionAsync(ProblemGone, null, new() { Timeout = Ms(Patience), PollingInterval = 100 });
            Assert.Equal("Live", await page.InnerTextAsync("#live"));
        }
        finally
        {
            if (paused)
            {
                host.Signal("CONT");
            }

            await page.CloseAsync();
            await cluster.StopAllAsync();
        }
    }

    private static float Ms(TimeSpan time) => (float)time.TotalMilliseconds;
}
