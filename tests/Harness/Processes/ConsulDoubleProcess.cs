using System.Diagnostics;

namespace Beamchain.Harness.Processes;

/// <summary>
/// The Consul HTTP API double (tests/ConsulDouble) run as a process for
/// <c>beamchain-bench faults --faults consul</c>: stopped with SIGKILL (or SIGTERM, as Ctrl+C stops an agent)
/// and started again on the same address with an empty catalog, as a restarted <c>consul agent -dev</c> is.
/// </summary>
public sealed class ConsulDoubleProcess(string doubleDll, string host, int port) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private Process? _process;

    public Uri Address { get; } = new($"http://{host}:{port}/");

    /// <summary>Starts the double and waits until it answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(NodeProcess.DotnetHost()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { doubleDll, "--host", host, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {doubleDll}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(1) };
        await Eventually.TrueAsync(
            async () => !process.HasExited ? await AnswersAsync(http) : throw new InvalidOperationException($"the Consul double ({doubleDll}) exited with status {process.ExitCode} before it answered"),
            StartTimeout,
            $"the Consul double ({doubleDll}) to answer at {Address}");
    }

    private static async Task<bool> AnswersAsync(HttpClient http)
    {
        try
        {
            using var answer = await http.GetAsync("v1/status/leader");
            return answer.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false; // not listening yet
        }
    }

    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>SIGKILL: the agent and its catalog are gone.</summary>
    public Task StopAsync() => StopAsync(graceful: false);

    /// <summary>
    /// SIGKILL, or when <paramref name="graceful"/> SIGTERM, waiting for the double to exit (then SIGKILL after
    /// 30 s): the catalog is gone either way.
    /// </summary>
    public async Task StopAsync(bool graceful)
    {
        if (_process is { HasExited: false } process)
        {
            if (graceful)
            {
                ProcessSignal.Send(process.Id, "TERM");
                try
                {
                    await process.WaitForExitAsync().WaitAsync(GracefulStopTimeout);
                }
                catch (TimeoutException)
                {
                    // it did not stop by itself: killed below
                }
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
