using System.Diagnostics;

namespace Beamchain.Node.Faults;

/// <summary>
/// The Consul HTTP API double (tests/ConsulDouble, built separately) run as a process for
/// <c>bench-faults --faults consul</c>: stopped with SIGKILL and started again on the same
/// address with an empty catalog, as a restarted <c>consul agent -dev</c> is.
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

        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {doubleDll}");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(1) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var answer = await http.GetAsync("v1/status/leader");
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (_process.HasExited || waited.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"the Consul double ({doubleDll}) did not answer at {Address} within {StartTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: the agent and its catalog are gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
