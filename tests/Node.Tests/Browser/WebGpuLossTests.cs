using Xunit.Abstractions;

namespace Beamchain.Node.Tests.Browser;

/// <summary>
/// A lost WebGPU device (here destroyed, as a driver reset would) ends the engine's search with
/// EngineLostError, the signal on which the mining worker switches to WebAssembly or JavaScript.
/// </summary>
public sealed class WebGpuLossTests(Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    [Fact]
    public async Task A_search_on_a_lost_device_fails_with_EngineLostError()
    {
        var page = await chromium.OpenAsync("/miner", output.WriteLine);
        var outcome = await page.EvaluateAsync<string>(
            """
            async () => {
              const { WebGpuEngine, EngineLostError } = await import('/miner/engines/webgpu-engine.js');
              const { prepareJob, planFor } = await import('/miner/engines/sha256-plan.js');
              const engine = await WebGpuEngine.create({ allowFallbackAdapter: true });
              const plan = planFor(prepareJob('ab'.repeat(96), '0000ffff' + 'f'.repeat(56)), 0);
              const before = await engine.search(plan, 0, 1 << 16);
              engine.destroy();
              try {
                await engine.search(plan, 0, 1 << 16);
                return `no error after the loss (hashed ${before.hashed} before)`;
              } catch (e) {
                return e instanceof EngineLostError ? `lost after ${before.hashed}` : `other error: ${e.message}`;
              }
            }
            """);
        await page.CloseAsync();
        Assert.Equal($"lost after {1 << 16}", outcome);
    }
}
