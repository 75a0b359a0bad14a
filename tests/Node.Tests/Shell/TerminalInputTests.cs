using System.Diagnostics;
using System.Text;
using Beamchain.Harness;
using Beamchain.Harness.Processes;

namespace Beamchain.Node.Tests.Shell;

/// <summary>
/// The prompt on a real terminal: the node runs under <c>script</c> (util-linux, part of every
/// Debian), which gives it a pseudo-terminal, and the test types into that terminal.
/// </summary>
public class TerminalInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Bytes_that_are_not_utf8_typed_at_a_terminal_are_refused_not_replaced()
    {
        using var data = new TempDirectory();
        var node = $"{Quote(NodeProcess.DotnetHost())} {Quote(Path.Combine(AppContext.BaseDirectory, "beamchain.dll"))} --cluster single --host 127.0.0.1 --port 0 --device none --log-level error --data-dir {Quote(data.Path)}";
        var start = new ProcessStartInfo("script", ["-qfec", node, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        using var process = Process.Start(start)!;
        var screen = new StringBuilder();
        var reading = ReadAsync(process.StandardOutput, screen);
        try
        {
            await Eventually.TrueAsync(() => Shown(screen).Contains("beamchain> ", StringComparison.Ordinal), Timeout, () => $"the prompt; the terminal showed: {Shown(screen)}");
            await process.StandardInput.BaseStream.WriteAsync((byte[])[.. "mine bad"u8, 0xff, (byte)'\r', .. "exit\r"u8]);
            await process.StandardInput.BaseStream.FlushAsync();
            using var deadline = new CancellationTokenSource(Timeout);
            await process.WaitForExitAsync(deadline.Token);
            await reading;

            var said = Shown(screen);
            Assert.Contains("mine: the data is not valid UTF-8 (byte 0xff at character 4); blocks hold UTF-8 text only", said, StringComparison.Ordinal);
            Assert.DoesNotContain("queued", said, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Quote(string text) => $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static async Task ReadAsync(StreamReader output, StringBuilder screen)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await output.ReadAsync(buffer)) > 0)
        {
            lock (screen)
            {
                screen.Append(buffer, 0, read);
            }
        }
    }

    private static string Shown(StringBuilder screen)
    {
        lock (screen)
        {
            return screen.ToString();
        }
    }
}
