using System.Text.Json;
using Beamchain.Kernels.Search;
using Microsoft.Playwright;

namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// Runs one of the page's engines in a real Web Worker (/miner/mining-worker.js), the way the
/// miner page does, and returns what it found.
/// </summary>
public static class BrowserEngine
{
    public sealed record Run(string Engine, ulong Hashed, IReadOnlyList<ulong> Nonces, IReadOnlyList<string> Hashes);

    private const string Script = """
        async ({ engine, header, target, start, count }) => {
          const worker = new Worker('/miner/mining-worker.js', { type: 'module' });
          const next = (...types) => new Promise((resolve, reject) => {
            worker.onmessage = ({ data }) => {
              if (data.type === 'error') reject(new Error(data.message));
              else if (types.includes(data.type)) resolve(data);
            };
            worker.onerror = (e) => reject(new Error(`worker failed to load: ${e.message}`));
          });
          try {
            const ready = next('ready');
            worker.postMessage({ type: 'init', engine, allowFallbackAdapter: true });
            const { engine: name } = await ready;
            const done = next('done');
            worker.postMessage({ type: 'search', id: 1, header, target, start, count });
            const { hashed, found } = await done;
            return JSON.stringify({ engine: name, hashed, nonces: found.map(f => f.nonce), hashes: found.map(f => f.hash) });
          } finally {
            worker.terminate();
          }
        }
        """;

    public static async Task<Run> SearchAsync(IPage page, string engine, SearchJob job, NonceRange range)
    {
        var json = await page.EvaluateAsync<string>(Script, new
        {
            engine,
            header = Convert.ToHexString(job.Template.ToBytes()).ToLowerInvariant(),
            target = job.Target.ToHex().ToLowerInvariant(),
            start = range.Start.ToString(System.Globalization.CultureInfo.InvariantCulture),
            count = (double)range.Count,
        });
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new Run(
            root.GetProperty("engine").GetString()!,
            root.GetProperty("hashed").GetUInt64(),
            root.GetProperty("nonces").EnumerateArray().Select(n => ulong.Parse(n.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            root.GetProperty("hashes").EnumerateArray().Select(h => h.GetString()!).ToList());
    }
}
