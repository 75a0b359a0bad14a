using System.Text;
using Microsoft.Playwright;

namespace Beamchain.BrowserBench;

/// <summary>
/// How near the WebAssembly SIMD kernel runs to what this browser and CPU allow for its kind of
/// work (<c>bench-browser --ceiling</c>). A synthetic loop does the kernel's operations (32-bit
/// lane shifts, or, and, xor, add, in about the kernel's proportion of shifts) in six independent
/// chains, so nothing waits on a result and only the vector units limit it: its operations per
/// second are the ceiling. The kernel's rate times its operations per nonce, against that, says
/// how much a faster kernel could still gain, and the ceiling divided by those operations is the
/// best rate any kernel doing the same operations could reach.
/// </summary>
public static class VectorCeiling
{
    /// <summary>
    /// The kernel's x64 vector ALU instructions per nonce (loads and stores run on other ports and
    /// are not counted), per 4 nonces: rounds 8..63, 56 × 34 = 1,904 (Σ0 and Σ1 11 each, as
    /// WebAssembly has no rotate; Ch 3, as x64 has no bit select; Maj 3; adds 6); the schedule
    /// W22..W63, 758 (W38..W63 22 each, W29..W36 12, W24..W28 11, W37 22, W22 11, W23 2); the
    /// screen 4. Counted from the .wat and checked against V8's x64 code for it (the rounds loop
    /// has 272 vector ALU instructions per 8 rounds, the W38..W63 loop 22 per word).
    /// </summary>
    public const double KernelOpsPerNonce = 2666 / 4.0;

    private const int Chains = 6;
    private const int OpsPerChain = 8;
    private const int Iterations = 1_000_000;

    /// <summary>The synthetic loop: <c>spin(n)</c> runs n passes of <see cref="Chains"/> chains of <see cref="OpsPerChain"/> operations.</summary>
    public static string Wat { get; } = BuildWat();

    /// <summary>Vector operations per second of the synthetic loop, and the kernel's nonces per second, each the median of 1-second windows after a 2-second warm-up, on the page's thread.</summary>
    public static async Task<(double OpsPerSecond, double KernelHashesPerSecond)> MeasureAsync(IPage page, int seconds)
    {
        var spin = Convert.ToBase64String(Beamchain.WatAssembler.ModuleAssembler.Assemble(Wat));
        var result = await page.EvaluateAsync<double[]>(Script, new { spin, seconds, iterations = Iterations });
        return (result[0] * Chains * OpsPerChain * Iterations, result[1]);
    }

    // Runs on /miner/ so the kernel and its plan load from where the miner loads them. Each call
    // is short, so the engine's optimised code (compiled in the background) takes over.
    private const string Script = """
        async ({ spin, seconds, iterations }) => {
          const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
          const windows = async (work) => {
            const rates = [];
            for (let w = 0; w < seconds + 2; w++) {
              const from = performance.now();
              let done = 0;
              while (performance.now() - from < 1000) done += work();
              if (w >= 2) rates.push(done / ((performance.now() - from) / 1000));
              await new Promise((resolve) => setTimeout(resolve, 0));
            }
            return median(rates);
          };
          const bytes = Uint8Array.from(atob(spin), (c) => c.charCodeAt(0));
          const synthetic = (await WebAssembly.instantiate(bytes, {})).instance.exports.spin;
          const passes = await windows(() => { synthetic(iterations); return 1; });

          const { K, prepareJob, planFor } = await import('./engines/sha256-plan.js');
          const response = await fetch('./engines/sha256-simd.wasm');
          const kernel = (await WebAssembly.instantiate(await response.arrayBuffer(), {})).instance.exports;
          const words = new Uint32Array(kernel.memory.buffer);
          words.set(K, 256 / 4);
          words.set(planFor(prepareJob('ab'.repeat(96), '00000000ffff' + '0'.repeat(52)), 5), 0);
          let low = 0;
          const hashes = await windows(() => { const n = kernel.search(low, 1 << 18) >>> 0; low = (low + n) >>> 0; return n; });
          return [passes, hashes];
        }
        """;

    private static string BuildWat()
    {
        // x += (rotr(x, 6) ^ (x & k)) ^ (x >> 11): shr, shl, or, and, xor, shr, xor, add (3 of 8 are shifts; the kernel: 38 %).
        var text = new StringBuilder();
        text.AppendLine("(module");
        text.AppendLine("  (func (export \"spin\") (param $n i32)");
        text.Append("    (local $k v128)");
        for (var c = 0; c < Chains; c++)
        {
            text.Append($" (local $x{c} v128)");
        }

        text.AppendLine();
        text.AppendLine("    (local.set $k (i32x4.splat (i32.mul (local.get $n) (i32.const 7))))");
        for (var c = 0; c < Chains; c++)
        {
            text.AppendLine($"    (local.set $x{c} (i32x4.splat (i32.add (local.get $n) (i32.const {c + 1}))))");
        }

        text.AppendLine("    (loop $pass");
        for (var c = 0; c < Chains; c++)
        {
            var x = $"(local.get $x{c})";
            text.AppendLine($"      (local.set $x{c} (i32x4.add {x} (v128.xor (v128.xor (v128.or (i32x4.shr_u {x} (i32.const 6)) (i32x4.shl {x} (i32.const 26)))");
            text.AppendLine($"                                                     (v128.and {x} (local.get $k))) (i32x4.shr_u {x} (i32.const 11)))))");
        }

        text.AppendLine("      (br_if $pass (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))");
        // Stored, so no chain is dead code.
        var all = "(local.get $x0)";
        for (var c = 1; c < Chains; c++)
        {
            all = $"(v128.xor {all} (local.get $x{c}))";
        }

        text.AppendLine($"    (v128.store (i32.const 0) {all}))");
        text.AppendLine("  (memory 1))");
        return text.ToString();
    }
}
