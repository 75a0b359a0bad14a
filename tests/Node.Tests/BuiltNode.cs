using System.Diagnostics;
using Beamchain.Harness.Faults;
using Beamchain.Harness.Processes;

namespace Beamchain.Node.Tests;

/// <summary>Runs the built node (beamchain.dll, copied beside these tests) as its own process to the end.</summary>
public static class BuiltNode
{
    public sealed record Exit(int Code, string Output, string Error);

    /// <summary>Runs it with <paramref name="input"/> (raw bytes) on standard input, then the end of input.</summary>
    public static async Task<Exit> RunAsync(IEnumerable<string> args, TimeSpan timeout, byte[]? input = null)
    {
        var start = new ProcessStartInfo(NodeProcess.DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "beamchain.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"beamchain {string.Join(' ', args)} did not exit within {timeout}; stderr: {await error}");
        }

        return new Exit(process.ExitCode, await output, await error);
    }
}
