using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Beamchain.BrowserBench;
using Beamchain.CommandLine;
using Beamchain.Kernels.Devices;
using Beamchain.Node.Bench;
using Microsoft.Playwright;

// bench-browser: the browser engines' rate per worker in Debian's Chromium, against the node's
// own `bench --device cpu --cpu-threads 1` run in the same process just before and just after, so
// both see the same machine and load.
var durationOption = OptionValues.Read("--duration", "duration", $"measured time per engine and per CPU run, e.g. {Duration.Examples} (default: 5s; at most 10m)", (string text, out TimeSpan value, out string error) =>
{
    var ok = OptionValues.Duration("--duration")(text, out value, out error) && value <= TimeSpan.FromMinutes(10) && value.TotalSeconds % 1 == 0;
    error = ok ? "" : $"--duration needs a whole number of seconds up to 10m such as 5s or 1m, got '{text}'";
    return ok;
});
var enginesOption = OptionValues.Read("--engines", "list", "which browser engines, in order: js, wasm, webgpu (default: js,wasm)", (string text, out string value, out string error) =>
{
    value = text;
    var ok = text.Split(',').All(e => e is "js" or "wasm" or "webgpu");
    error = ok ? "" : $"--engines takes a comma-separated list of js, wasm and webgpu, got '{text}'";
    return ok;
});
var fallbackOption = OptionValues.Flag("--fallback", "let WebGPU run on a software adapter (SwiftShader), as the tests do");
var ceilingOption = OptionValues.Flag("--ceiling", "instead of the engines: how near the WebAssembly SIMD kernel runs to this machine's vector-operation ceiling (VectorCeiling)");
var root = CommandLineRun.Root("bench-browser", "The browser engines' rate per worker in Debian's Chromium, against bench --device cpu --cpu-threads 1 in the same process");
root.Options.Add(durationOption);
root.Options.Add(enginesOption);
root.Options.Add(fallbackOption);
root.Options.Add(ceilingOption);
ParseResult? chosen = null;
root.SetAction(parsed => chosen = parsed);
var exit = await CommandLineRun.RunAsync(root, args, Console.Out, Console.Error);
if (chosen is null)
{
    return exit;
}

var seconds = (int)chosen.ValueOr(durationOption, TimeSpan.FromSeconds(5)).TotalSeconds;
var engines = chosen.ValueOr(enginesOption, "js,wasm");
var fallback = chosen.GetValue(fallbackOption);
var ceiling = chosen.GetValue(ceilingOption);

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
static void SayCpu(string when, (double Rate, double PerCpuSecond) run) =>
    Console.WriteLine($"cpu (C#, 1 thread), {when} {run.Rate / 1e6:F2} MH/s, {run.PerCpuSecond / 1e6:F2} MH per CPU-second");

SayCpu("before:", cpuBefore);

await using var server = await AssetServer.StartAsync();
using var playwright = await Playwright.CreateAsync();
await using var browser = await ChromiumLaunch.LaunchAsync(playwright);
var page = await browser.NewPageAsync();
if (ceiling)
{
    await page.GotoAsync(new Uri(server.Address, "/miner/").ToString());
    var (opsPerSecond, kernelRate) = await VectorCeiling.MeasureAsync(page, seconds);
    var cpuAfterCeiling = CpuBaseline();
    SayCpu("after: ", cpuAfterCeiling);
    var thread = (cpuBefore.Rate + cpuAfterCeiling.Rate) / 2;
    var kernelOps = kernelRate * VectorCeiling.KernelOpsPerNonce;
    var best = opsPerSecond / VectorCeiling.KernelOpsPerNonce;
    Console.WriteLine($"vector-operation ceiling (synthetic loop, page thread): {opsPerSecond / 1e9:F2} G operations/s");
    Console.WriteLine($"WebAssembly SIMD kernel (page thread): {kernelRate / 1e6:F2} MH/s x {VectorCeiling.KernelOpsPerNonce:F1} operations per nonce = {kernelOps / 1e9:F2} G operations/s = {kernelOps / opsPerSecond:P0} of the ceiling; {kernelRate / thread:F3} x the C# thread");
    Console.WriteLine($"at the ceiling the same operations would give {best / 1e6:F2} MH/s = {best / thread:F3} x the C# thread ({thread / 1e6:F2} MH/s)");
    return 0;
}

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
SayCpu("after: ", cpuAfter);
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
