using System.Diagnostics;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;
using Beamchain.Node.Chain;

namespace Beamchain.Node.Tests.Shell;

/// <summary>Runs the real built node (beamchain.dll, copied beside these tests) as its own process.</summary>
public sealed class NodeProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_built_node_reads_its_chain_from_stdin_commands_and_exits()
    {
        var start = new ProcessStartInfo(NodeProcess.DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "beamchain.dll"));
        foreach (var arg in new[] { "--data-dir", _dir.Path, "--cluster", "single", "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        await node.StandardInput.WriteAsync("read\nexit\n");
        node.StandardInput.Close();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            Assert.Fail($"the node did not exit within 60 s; stderr: {await error}");
        }

        Assert.True(node.ExitCode == 0, $"exit {node.ExitCode}; stderr: {await error}");
        Assert.Contains(Genesis.HashHex[..16], await output);
        Assert.True(File.Exists(Path.Combine(_dir.Path, ChainStore.FileName)));
    }
}
