using System.Diagnostics;
using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Tests;

public class CancellationTests
{
    [Theory]
    [InlineData("cpu Scalar 2")]
    [InlineData("ilgpu cpu-accelerator")]
    public async Task A_search_returns_promptly_with_what_it_hashed_when_cancelled(string searcher)
    {
        using var search = SearcherAgreementTests.Open(searcher);
        if (search is Cpu.CpuSearcher)
        {
            // The default instruction set is the one mining uses; Scalar above is the slowest to notice.
            using var fastest = new Cpu.CpuSearcher();
            await AssertCancelsPromptly(fastest);
        }

        await AssertCancelsPromptly(search);
    }

    // The latency is wall-clock time, which a machine busy with a build can stretch by seconds
    // (CI once read 3401 ms, with the Node project compiling beside this test). A searcher that
    // notices cancellation late does so every time; so the best of three tries must be prompt.
    private static async Task AssertCancelsPromptly(INonceSearcher search)
    {
        var latencies = new List<TimeSpan>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var latency = await CancellationLatencyAsync(search);
            if (latency < TimeSpan.FromMilliseconds(500))
            {
                return;
            }

            latencies.Add(latency);
        }

        Assert.Fail($"returned {string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:F0}"))} ms after cancellation in three tries");
    }

    private static async Task<TimeSpan> CancellationLatencyAsync(INonceSearcher search)
    {
        var job = SearchCases.Job(seed: 5, leadingZeroBits: 64);
        var range = new NonceRange(0, 1UL << 48);
        using var cancellation = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var cancelledAt = TimeSpan.Zero;
        cancellation.Token.Register(() => cancelledAt = clock.Elapsed);
        // Cancelled 150 ms after the search's thread began (not after it was queued: on a loaded
        // machine the thread pool may start it later), so it has hashed something to report.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Task.Run(() =>
        {
            started.SetResult();
            return search.Search(job, range, cancellation.Token);
        });
        await started.Task;
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(150));

        var result = await running.WaitAsync(TimeSpan.FromSeconds(20));
        var latency = clock.Elapsed - cancelledAt;

        Assert.InRange(result.Hashed, 1UL, range.Count - 1);
        // The contract is ~50 ms; the bound leaves room for a CI machine shared with builds.
        return latency;
    }
}
