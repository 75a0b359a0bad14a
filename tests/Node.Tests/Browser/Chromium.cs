using Beamchain.BrowserBench;
using Microsoft.Playwright;

namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// Debian's Chromium as <see cref="ChromiumLaunch"/> starts it, and the node's pages on a
/// loopback <see cref="AssetServer"/> (or a real node's gateway, by URL). One browser serves a
/// test class; each test opens its own page.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public AssetServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await AssetServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await ChromiumLaunch.LaunchAsync(_playwright);
    }

    /// <summary>A new page at <paramref name="path"/> on the asset server; console errors go to <paramref name="log"/>.</summary>
    public Task<IPage> OpenAsync(string path, Action<string>? log = null, ViewportSize? viewport = null) =>
        OpenAsync(new Uri(Server.Address, path), log, viewport);

    /// <summary>A new page at <paramref name="url"/> (a node's own pages); console errors go to <paramref name="log"/>.</summary>
    public async Task<IPage> OpenAsync(Uri url, Action<string>? log = null, ViewportSize? viewport = null)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 } });
        if (log is not null)
        {
            page.Console += (_, message) => log($"console.{message.Type}: {message.Text}");
            page.PageError += (_, error) => log($"page error: {error}");
        }

        await page.GotoAsync(url.ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
