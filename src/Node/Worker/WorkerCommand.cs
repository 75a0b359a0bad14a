using System.Net.WebSockets;
using System.Text.Json;
using Beamchain.Kernels.Search;
using Beamchain.Node.Devices;
using Beamchain.Node.Grid;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Worker;

/// <summary>
/// <c>beamchain worker</c>: a volunteer. Connects out to a gateway (so NAT is no obstacle),
/// mines with the same searchers as a node, reconnects with back-off when the connection
/// drops, and prints its rate and its accepted and rejected shares every few seconds on standard
/// output; what happens to its connection is logged to standard error.
/// Exit status: 2 for a bad command line (see <see cref="WorkerCommandLine"/>) or device, 1 when the gateway refuses its token, 0 when stopped.
/// </summary>
public static class WorkerCommand
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(WorkerOptions options, TextWriter output, TextWriter error, ILogger log, TimeProvider time, CancellationToken stop)
    {
        IReadOnlyList<INonceSearcher> searchers;
        try
        {
            searchers = MiningDevices.Open(options.Device, options.CpuThreads);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"beamchain worker: {e.Message}");
            return 2;
        }

        if (searchers.Count == 0)
        {
            await error.WriteLineAsync("beamchain worker: --device none leaves nothing to hash with; give cpu or cuda");
            return 2;
        }

        // One device per worker: the first chosen (a GPU when there is one). Run a worker per device for more.
        var searcher = searchers[0];
        foreach (var unused in searchers.Skip(1))
        {
            unused.Dispose();
        }

        using (searcher)
        {
            log.LogInformation($"worker: mining on {searcher.Name} for {options.Pool}{(options.Duty < 1 ? $", {options.Duty:P0} of the time" : "")}");
            var tally = new WorkerTally();
            using var reporting = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var reports = ReportAsync(tally, options.Json, TextWriter.Synchronized(output), time, reporting.Token);
            try
            {
                return await ConnectLoopAsync(options, searcher, tally, log, time, stop);
            }
            finally
            {
                await reporting.CancelAsync();
                await reports;
            }
        }
    }

    private static async Task<int> ConnectLoopAsync(WorkerOptions options, INonceSearcher searcher, WorkerTally tally, ILogger log, TimeProvider time, CancellationToken stop)
    {
        var retry = FirstRetry;
        while (!stop.IsCancellationRequested)
        {
            WorkerSession? session = null;
            try
            {
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(options.Pool, stop);
                session = new WorkerSession(socket, searcher, tally, options.Duty, time, line => log.LogInformation(line));
                await session.RunAsync(options.Token, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException or JsonException or InvalidOperationException)
            {
                log.LogWarning($"worker: lost the gateway at {options.Pool}: {ConnectFailure.Describe(e, options.Pool)}");
            }

            if (session?.ClosedWith == GridErrorCode.Unauthorized)
            {
                log.LogError("worker: the gateway does not take this worker's token; give the one its operator gave with --token");
                return 1;
            }

            if (session?.Session is not null)
            {
                retry = FirstRetry; // it had a working session: start the back-off over
            }

            log.LogInformation($"worker: connecting again in {retry.TotalSeconds:0} s");
            try
            {
                await Task.Delay(retry, time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
        }

        return 0;
    }

    private static async Task ReportAsync(WorkerTally tally, bool json, TextWriter log, TimeProvider time, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ReportEvery, time);
        var last = tally.Report(time.GetTimestamp(), time);
        var lastAt = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = time.GetTimestamp();
                var report = tally.Report(now, time);
                var rate = (report.Hashed - last.Hashed) / time.GetElapsedTime(lastAt, now).TotalSeconds;
                (last, lastAt) = (report, now);
                await log.WriteLineAsync(json
                    ? JsonSerializer.Serialize(new { rate, report.Hashed, report.SessionHashed, report.SessionSeconds, report.Accepted, report.Rejected, report.Blocks }, JsonOptions)
                    : $"worker: {rate / 1e6:F2} MH/s, {report.Hashed} nonces hashed, shares accepted {report.Accepted}, rejected {report.Rejected}{(report.Blocks > 0 ? $", blocks {report.Blocks}" : "")}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
