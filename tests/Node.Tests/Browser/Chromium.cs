using Microsoft.Playwright;

namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// Debian's Chromium, driven by Playwright through its executable path (no browser download),
/// headless, with WebGPU enabled on Chromium's software adapter (SwiftShader) so the WebGPU
/// engine runs on a machine without a GPU. One browser serves a test class; each test opens
/// its own page.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where .ci/run's <c>apt-get install chromium</c> puts it; BEAMCHAIN_CHROMIUM overrides.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("BEAMCHAIN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--headless",
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // WebGPU without a GPU: Chromium's software Vulkan (SwiftShader) as the adapter.
        "--enable-unsafe-webgpu",
        "--enable-features=Vulkan",
        "--use-angle=swiftshader",
        "--use-webgpu-adapter=swiftshader",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public AssetServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"no Chromium at {ExecutablePath}: install it with 'apt-get install chromium' (.ci/run does), or set BEAMCHAIN_CHROMIUM to its path");
        }

        Server = await AssetServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            Timeout = 60_000,
        });
    }

    /// <summary>A new page at <paramref name="path"/> on the asset server; console errors go to <paramref name="log"/>.</summary>
    public async Task<IPage> OpenAsync(string path, Action<string>? log = null, ViewportSize? viewport = null)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 } });
        if (log is not null)
        {
            page.Console += (_, message) => log($"console.{message.Type}: {message.Text}");
            page.PageError += (_, error) => log($"page error: {error}");
        }

        await page.GotoAsync(new Uri(Server.Address, path).ToString());
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
