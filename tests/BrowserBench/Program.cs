using System.Globalization;
using System.Text.Json;
using Beamchain.BrowserBench;
using Beamchain.Kernels.Devices;
using Beamchain.Node.Bench;
using Microsoft.Playwright;

// bench-browser: the browser engines' rate per worker in Debian's Chromium, against the node's
// own `bench --device cpu --cpu-threads 1` run in the same process just before and just after, so
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

(double Rate, double PerCpuSecond) CpuBaseline()
{
    var output = new StringWriter();
    var exit = BenchCommand.Run(new BenchOptions("cpu", TimeSpan.FromSeconds(seconds), Json: true, CpuThreads: 1, Simd: null), output, Console.Error, DeviceCatalog.Discover);
    if (exit != 0)
    {
        throw new InvalidOperationException($"bench --device cpu --cpu-threads 1 exited {exit}");
    }

    var json = JsonDocument.Parse(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
    var rate = json.GetProperty("hashesPerSecond").GetDouble();
    return (rate, rate * json.GetProperty("seconds").GetDouble() / json.GetProperty("cpuSeconds").GetDouble());
}

Console.WriteLine($"bench-browser: {seconds} s per run; CPU baseline = bench --device cpu --cpu-threads 1 --duration {seconds}s (same process), before and after");
var cpuBefore = CpuBaseline();
Console.WriteLine($"cpu (C#, 1 thread), before: {cpuBefore.Rate / 1e6:F2} MH/s, {cpuBefore.PerCpuSecond / 1e6:F2} MH per CPU-second");

await using var server = await AssetServer.StartAsync();
using var playwright = await Playwright.CreateAsync();
await using var browser = await ChromiumLaunch.LaunchAsync(playwright);
var page = await browser.NewPageAsync();
var url = new Uri(server.Address, $"/miner/bench.html?seconds={seconds}&engines={engines}{(fallback ? "&fallback" : "")}");
await page.GotoAsync(url.ToString());

// Follow the page's phases, reading the worker thread's CPU time as each measurement starts and ends.
var workerCpu = new Dictionary<string, double>();
var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(engines.Split(',').Length * (seconds + 30));
var phase = "";
var atStart = 0.0;
string? resultJson = null;
while (resultJson is null && DateTime.UtcNow < deadline)
{
    var now = await page.EvaluateAsync<string>("() => document.body.dataset.phase ?? ''");
    if (now != phase)
    {
        var sample = WorkerCpuTime.Sample();
        if (now.StartsWith("measure ", StringComparison.Ordinal))
        {
            atStart = sample.Seconds;
        }
        else if (now.StartsWith("done ", StringComparison.Ordinal) && phase.StartsWith("measure ", StringComparison.Ordinal) && sample.Threads > 0)
        {
            workerCpu[now["done ".Length..]] = sample.Seconds - atStart;
        }

        phase = now;
    }

    resultJson = await page.EvaluateAsync<string?>("() => document.body.dataset.result ?? null");
    await Task.Delay(20);
}

if (resultJson is null)
{
    Console.Error.WriteLine($"bench-browser: the page did not finish (last phase '{phase}')");
    return 1;
}
await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine("artifacts", "screenshots", "bench.png") });

var cpuAfter = CpuBaseline();
Console.WriteLine($"cpu (C#, 1 thread), after:  {cpuAfter.Rate / 1e6:F2} MH/s, {cpuAfter.PerCpuSecond / 1e6:F2} MH per CPU-second");
var cpu = (cpuBefore.Rate + cpuAfter.Rate) / 2;
var cpuPerSecond = (cpuBefore.PerCpuSecond + cpuAfter.PerCpuSecond) / 2;

foreach (var result in JsonDocument.Parse(resultJson).RootElement.EnumerateArray())
{
    var engine = result.GetProperty("engine").GetString();
    if (result.TryGetProperty("error", out var error))
    {
        Console.WriteLine($"{engine}: {error.GetString()}");
        continue;
    }

    var rate = result.GetProperty("hashesPerSecond").GetDouble();
    var line = $"{result.GetProperty("name").GetString()} (1 worker): {rate / 1e6:F2} MH/s = {rate / cpu:F3} x the C# thread ({cpu / 1e6:F2} MH/s)";
    if (workerCpu.TryGetValue(engine!, out var used) && used > 0)
    {
        var perCpuSecond = result.GetProperty("hashes").GetDouble() / used;
        line += $"; {perCpuSecond / 1e6:F2} MH per worker CPU-second ({used:F2} s of CPU in {result.GetProperty("seconds").GetDouble():F2} s) = {perCpuSecond / cpuPerSecond:F3} x the C# thread's {cpuPerSecond / 1e6:F2}";
    }

    Console.WriteLine(line);
}

Console.WriteLine(JsonSerializer.Serialize(new
{
    seconds,
    cpuBefore = cpuBefore.Rate,
    cpuAfter = cpuAfter.Rate,
    cpuPerCpuSecond = cpuPerSecond,
    workerCpuSeconds = workerCpu,
    browser = JsonDocument.Parse(resultJson).RootElement,
}));
return 0;
