using Beamchain.Node.Shell;
using Beamchain.Node.Tests.Cluster;
using Beamchain.Node.Tests.Mining;

namespace Beamchain.Node.Tests.Shell;

[Collection(HashingTests.Collection)]
public sealed class NodeShellTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "beamchain-tests", $"shell-{Guid.NewGuid():N}");

    [Fact]
    public async Task Piped_mine_requests_are_mined_before_the_node_leaves_at_the_end_of_input()
    {
        var (status, output, error) = await RunAsync("mine hello\nmine world\nnodes\n");

        Assert.Equal(0, status);
        Assert.StartsWith("shell-a: membership: single node", error.Lines[0], StringComparison.Ordinal);
        Assert.Contains("queued \"hello\": mining it now", output.Lines);
        Assert.Contains("queued \"world\": place 2 in the queue", output.Lines);
        Assert.Contains(output.Lines, l => l.StartsWith("new block 1 ", StringComparison.Ordinal) && l.EndsWith("\"hello\"", StringComparison.Ordinal));
        Assert.Contains(output.Lines, l => l.StartsWith("new block 2 ", StringComparison.Ordinal) && l.EndsWith("\"world\"", StringComparison.Ordinal));
        Assert.Contains(output.Lines, l => l.StartsWith("* 127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_command_or_a_bad_argument_gets_a_one_line_error_and_the_session_goes_on()
    {
        var (status, output, error) = await RunAsync("frobnicate\nmine\nstatus now\nstatus\n");

        Assert.Equal(1, status); // piped commands failed, so scripts notice
        Assert.Contains("unknown command 'frobnicate'; type help to list the commands", error.Lines);
        Assert.Contains(error.Lines, l => l.StartsWith("mine: give the block's data", StringComparison.Ordinal));
        Assert.Contains(error.Lines, l => l.StartsWith("status: takes only --json", StringComparison.Ordinal));
        Assert.Contains(output.Lines, l => l.StartsWith("members (1): 127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(output.Lines, l => l.StartsWith("device cpu0 (cpu)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seed_mode_without_a_seed_is_a_usage_error()
    {
        var output = new CapturedOutput();
        var error = new CapturedOutput();

        var status = await NodeCommand.RunAsync(["--cluster", "seed"], new StringReader(""), output, error, _ => []);

        Assert.Equal(2, status);
        Assert.Single(error.Lines);
        Assert.Contains("--seed", error.Lines[0], StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private async Task<(int Status, CapturedOutput Output, CapturedOutput Error)> RunAsync(string input)
    {
        var output = new CapturedOutput();
        var error = new CapturedOutput();
        string[] args = ["--cluster", "single", "--port", "0", "--node-name", "shell-a", "--data-dir", _dataDirectory, "--lease-ms", "50", "--block-time", "1s"];
        var status = await NodeCommand.RunAsync(args, new StringReader(input), output, error, _ => [new TestSearcher("cpu0")])
            .WaitAsync(TimeSpan.FromSeconds(60));
        return (status, output, error);
    }
}
