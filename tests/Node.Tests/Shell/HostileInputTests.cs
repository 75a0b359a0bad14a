using System.Text;

namespace Beamchain.Node.Tests.Shell;

/// <summary>The built node given bad options or hostile prompt input: one clear line each, and nothing raw reaches the terminal.</summary>
public sealed class HostileInputTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("--host", "999.1.1.1", "--host takes an IP address of this machine")]
    [InlineData("--host", "localhost", "--host takes an IP address of this machine")]
    [InlineData("--host", "192.0.2.1", "--host 192.0.2.1: cannot listen on that address here")]
    [InlineData("--data-dir", "/proc/beamchain-test", "--data-dir /proc/beamchain-test cannot be used: it cannot be created")]
    [InlineData("--data-dir", "/etc/passwd", "--data-dir /etc/passwd cannot be used: it is a file, not a folder")]
    [InlineData("--cpu-threads", "100000", "--cpu-threads takes a number from 1 to")]
    public async Task A_bad_option_exits_2_with_one_line_before_anything_starts(string option, string value, string said)
    {
        string[] rest = option == "--data-dir" ? ["--cluster", "single"] : ["--cluster", "single", "--data-dir", _dir.Path];

        var exit = await BuiltNode.RunAsync([option, value, "--port", "0", .. rest], ExitTimeout);

        Assert.Equal(2, exit.Code);
        var line = Assert.Single(exit.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"beamchain: {said}", line, StringComparison.Ordinal);
        Assert.Equal("", exit.Output);
    }

    [Fact]
    public async Task Control_bytes_invalid_utf8_and_a_huge_line_at_the_prompt_each_get_one_escaped_line()
    {
        var hugeCommand = new string('x', 1 << 20);
        var input = Concat(
            "mine esc\u001b[2Jdata\n",
            "\0\u001bbogus\n",
            (byte[])[.. "mine bad"u8, 0xff, (byte)'\n'],
            hugeCommand + "\n",
            "read\n");

        var exit = await BuiltNode.RunAsync(["--cluster", "single", "--host", "127.0.0.1", "--port", "0", "--data-dir", _dir.Path, "--device", "cpu", "--cpu-threads", "1"], ExitTimeout, input);

        var all = exit.Output + exit.Error;
        Assert.Equal(1, exit.Code);
        Assert.DoesNotContain('\u001b', all);
        Assert.DoesNotContain('\0', all);
        Assert.Contains("queued \"esc\\x1b[2Jdata\": mining it now", exit.Output, StringComparison.Ordinal);
        Assert.Contains("\"esc\\x1b[2Jdata\"", exit.Output.Split('\n').Single(l => l.StartsWith("new block 1 ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("unknown command '\\x00\\x1bbogus'; type help to list the commands", exit.Error, StringComparison.Ordinal);
        Assert.Contains("mine: the data is not valid UTF-8 (byte 0xff at character 4); blocks hold UTF-8 text only", exit.Error, StringComparison.Ordinal);
        var huge = exit.Error.Split('\n').Single(l => l.StartsWith("unknown command 'xxx", StringComparison.Ordinal));
        Assert.True(huge.Length < 200, $"the huge command was echoed in {huge.Length} characters");
        Assert.Contains("(1048576 characters)", huge, StringComparison.Ordinal);
        Assert.DoesNotContain(exit.Output.Split('\n'), l => l.StartsWith("new block 2", StringComparison.Ordinal));
    }

    private static byte[] Concat(params object[] parts) =>
        parts.SelectMany(p => p is string text ? Encoding.UTF8.GetBytes(text) : (byte[])p).ToArray();
}
