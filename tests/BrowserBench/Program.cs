using System.Globalization;
using System.Text.Json;
using Beamchain.BrowserBench;
using Beamchain.Node.Bench;
using Microsoft.Playwright;

// bench-browser: the browser engines' rate per worker in Debian's Chromium, against the node's
// own `bench --device cpu --threads 1` run in the same process just before and just after, so
// both see the same machine and load.
const string Usage = """
    usage: dotnet run -c Release --project tests/BrowserBench -- [--seconds N] [--engines js,wasm[,webgpu]] [--fallback]
      --seconds N   measured seconds per engine and per CPU run (default 5)
      --engines     which browser engines, in order (default js,wasm)
      --fallback    let WebGPU run on a software adapter (SwiftShader), as the tests do
    """;

var seconds = 5;
var engines = "js,wasm";
var fallback = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--help" or "-h":
            Console.Write(Usage);
            return 0;
        case "--seconds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out seconds) && seconds is > 0 and <= 600:
            i++;
            break;
        case "--engines" when i + 1 < args.Length && args[i + 1].Split(',').All(e => e is "js" or "wasm" or "webgpu"):
            engines = args[++i];
            break;
        case "--fallback":
            fallback = true;
            break;
        default:
            Console.Error.WriteLine($"bench-browser: cannot use '{args[i]}'{(i + 1 < args.Length ? $" with '{args[i + 1]}'" : "")}");
            Console.Error.Write(Usage);
            return 2;
    }
}

double CpuBaseline()
{
    var output = new StringWriter();
    var exit = BenchCommand.Run(["--device", "cpu", "--threads", "1", "--seconds", seconds.ToString(CultureInfo.InvariantCulture), "--json"], output, Console.Error);
    if (exit != 0)
    {
        throw new InvalidOperationException($"bench --device cpu --threads 1 exited {exit}");
    }

    var json = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
    return JsonDocument.Parse(json).RootElement.GetProperty("hashesPerSecond").GetDouble();
}

Console.WriteLine($"bench-browser: {seconds} s per run; CPU baseline = bench --device cpu --threads 1 --seconds {seconds} (same process), before and after");
var cpuBefore = CpuBaseline();
Console.WriteLine($"cpu (C#, 1 thread), before: {cpuBefore / 1e6:F2} MH/s");

await using var server = await AssetServer.StartAsync();
using var playwright = await Playwright.CreateAsync();
await using var browser = await ChromiumLaunch.LaunchAsync(playwright);
var page = await browser.NewPageAsync();
var url = new Uri(server.Address, $"/miner/bench.html?seconds={seconds}&engines={engines}{(fallback ? "&fallback" : "")}");
await page.GotoAsync(url.ToString());
var resultJson = await (await page.WaitForFunctionAsync(
    "() => document.body.dataset.result",
    null,
    new PageWaitForFunctionOptions { Timeout = (float)TimeSpan.FromSeconds(engines.Split(',').Length * (seconds + 30)).TotalMilliseconds })).JsonValueAsync<string>();
await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("artifacts", "screenshots", "bench.png") });

var cpuAfter = CpuBaseline();
Console.WriteLine($"cpu (C#, 1 thread), after:  {cpuAfter / 1e6:F2} MH/s");
var cpu = (cpuBefore + cpuAfter) / 2;

foreach (var result in JsonDocument.Parse(resultJson).RootElement.EnumerateArray())
{
    var engine = result.GetProperty("engine").GetString();
    if (result.TryGetProperty("error", out var error))
    {
        Console.WriteLine($"{engine}: {error.GetString()}");
        continue;
    }

    var rate = result.GetProperty("hashesPerSecond").GetDouble();
    Console.WriteLine($"{result.GetProperty("name").GetString()} (1 worker): {rate / 1e6:F2} MH/s = {rate / cpu:F3} x the C# CPU thread (mean {cpu / 1e6:F2} MH/s)");
}

Console.WriteLine(JsonSerializer.Serialize(new { seconds, cpuBefore, cpuAfter, browser = JsonDocument.Parse(resultJson).RootElement }));
return 0;
