using Microsoft.Playwright;

namespace Beamchain.BrowserBench;

/// <summary>
/// How the tests and the benchmark start Debian's Chromium through Playwright: by its
/// executable path (Playwright never downloads a browser here), headless, with WebGPU on
/// Chromium's software Vulkan (SwiftShader) so the WebGPU engine runs without a GPU.
/// </summary>
public static class ChromiumLaunch
{
    /// <summary>Where <c>apt-get install chromium</c> puts it (.ci/run does); BEAMCHAIN_CHROMIUM overrides.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("BEAMCHAIN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--headless",
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--enable-unsafe-webgpu",
        "--enable-features=Vulkan",
        "--use-angle=swiftshader",
        "--use-webgpu-adapter=swiftshader",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException(
                $"no Chromium at {ExecutablePath}: install it with 'apt-get install chromium' (.ci/run does), or set BEAMCHAIN_CHROMIUM to its path");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            Timeout = 60_000,
        });
    }
}
