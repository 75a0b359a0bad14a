using System.Diagnostics;
using Beamchain.Node.Membership.Consul;

namespace Beamchain.Node.Tests.Membership;

/// <summary>A real <c>consul agent -dev</c>, started for one test on free ports and killed after it.</summary>
public sealed class ConsulDevAgent : ConsulTestAgent
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly Queue<string> _lastOutput = new();

    private ConsulDevAgent(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public override Uri Address { get; }

    public static string? FindBinary() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "consul.exe" : "consul"))
            .FirstOrDefault(File.Exists);

    public static async Task<ConsulDevAgent> StartAsync()
    {
        var binary = FindBinary() ?? throw new InvalidOperationException("No consul binary on the PATH.");
        var httpPort = FreePort.Next();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "agent", "-dev", "-bind", "127.0.0.1", "-client", "127.0.0.1", "-node", $"test-{httpPort}",
            "-http-port", $"{httpPort}", "-server-port", $"{FreePort.Next()}", "-serf-lan-port", $"{FreePort.Next()}",
            "-serf-wan-port", $"{FreePort.Next()}", "-dns-port", "-1", "-grpc-port", "-1",

            // Since Consul 1.14 -dev also opens gRPC-TLS on 8503, which a developer's own agent may hold already.
            "-grpc-tls-port", "-1",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        var agent = new ConsulDevAgent(process, new Uri($"http://127.0.0.1:{httpPort}/"));
        process.OutputDataReceived += (_, e) => agent.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => agent.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new ConsulAgentClient(new ConsulProviderConfig().WithAddress(agent.Address));
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    return (await client.GetLeaderAsync(CancellationToken.None)).Length > 0;
                }
                catch (ConsulAgentException)
                {
                    return process.HasExited;
                }
            },
            StartTimeout,
            () => $"consul agent -dev elected no leader; its last output:\n{agent.LastOutput()}");
        if (process.HasExited)
        {
            Assert.Fail($"consul agent -dev exited with {process.ExitCode}:\n{agent.LastOutput()}");
        }

        return agent;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastOutput)
        {
            _lastOutput.Enqueue(line);
            if (_lastOutput.Count > 40)
            {
                _lastOutput.Dequeue();
            }
        }
    }

    private string LastOutput()
    {
        lock (_lastOutput)
        {
            return string.Join('\n', _lastOutput);
        }
    }
}
