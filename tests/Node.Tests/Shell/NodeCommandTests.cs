using Beamchain.Node.Chain;
using Beamchain.Node.Tests.Chain;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beamchain.Node.Tests.Shell;

public sealed class NodeCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Read_then_exit_shows_genesis_and_stops()
    {
        var run = await ShellRun.RunAsync("read\nexit\nbogus\n", "--data-dir", _dir.Path).WaitAsync(Timeout);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(Genesis.HashHex[..16], run.Output);
        Assert.DoesNotContain("unknown command", run.Error);
        Assert.Contains("chain at block 0", run.Error);
    }

    [Fact]
    public async Task The_end_of_input_ends_the_session()
    {
        var run = await ShellRun.RunAsync("read 0 1\n", "--data-dir", _dir.Path).WaitAsync(Timeout);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Beamchain genesis", run.Output);
    }

    [Fact]
    public async Task An_unreadable_cookie_file_is_a_usage_error()
    {
        var run = await ShellRun.RunAsync("read\n", "--data-dir", _dir.Path, "--cookie-file", _dir.File("no-such-cookie")).WaitAsync(Timeout);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot read the cookie file", run.Error);
    }

    [Fact]
    public async Task A_missing_gateway_certificate_is_a_usage_error_before_the_node_starts()
    {
        var run = await ShellRun.RunAsync("read\n", "--data-dir", _dir.Path, "--grid-port", "0", "--grid-cert", _dir.File("no-such.pfx")).WaitAsync(Timeout);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--grid-cert: there is no file", run.Error);
        Assert.DoesNotContain("member of", run.Error);
    }

    [Fact]
    public async Task A_node_with_a_cookie_says_it_requires_the_secret()
    {
        var run = await ShellRun.RunAsync("exit\n", "--data-dir", _dir.Path, "--cookie", "s3cret").WaitAsync(Timeout);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("cluster secret required of peers", run.Error);
        Assert.DoesNotContain("s3cret", run.Error + run.Output);
    }

    [Fact]
    public async Task Blocks_stored_by_an_earlier_run_are_read()
    {
        var blocks = TestMiner.Children(Genesis.Block, "first", "second");
        ShellRun.Seed(_dir.Path, blocks);

        var run = await ShellRun.RunAsync("read\n", "--data-dir", _dir.Path).WaitAsync(Timeout);

        Assert.Contains("chain at block 2", run.Error);
        // The length line, the table's head, genesis and the two stored blocks.
        Assert.Equal(5, run.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(blocks[1].Hash.ToHex()[..16], run.Output);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var run = await ShellRun.RunAsync("help\n", "--data-dir", _dir.Path).WaitAsync(Timeout);

        Assert.Contains("read [<from> [<count>]] [--json]", run.Output);
        Assert.Contains("help", run.Output);
        Assert.Contains("exit", run.Output);
    }

    [Fact]
    public async Task A_failed_command_from_a_pipe_makes_the_exit_status_1()
    {
        var run = await ShellRun.RunAsync("bogus\nread\n", "--data-dir", _dir.Path).WaitAsync(Timeout);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unknown command 'bogus'; type help", run.Error);
        Assert.Contains("Beamchain genesis", run.Output);
    }

    [Fact]
    public async Task A_bad_option_is_a_usage_error_with_status_2()
    {
        var run = await ShellRun.RunAsync("read\n", "--block-time", "soon").WaitAsync(Timeout);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--block-time needs a positive duration", run.Error);
        Assert.Contains("--help", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Help_option_prints_usage()
    {
        var run = await ShellRun.RunAsync("", "--help").WaitAsync(Timeout);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--data-dir <folder>", run.Output);
    }

    [Fact]
    public async Task A_data_directory_in_use_is_refused_with_status_1()
    {
        using var holder = ChainStore.Open(_dir.Path, ChainRules.Default, trustStore: false, NullLogger.Instance);

        var run = await ShellRun.RunAsync("read\n", "--data-dir", _dir.Path).WaitAsync(Timeout);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("in use by another node process", run.Error);
    }

    [Fact]
    public async Task Store_recovery_is_reported_on_standard_error()
    {
        ShellRun.Seed(_dir.Path, TestMiner.Children(Genesis.Block, "first", "second"));
        new BlockFileEditor(_dir.Path).CutLast(3);

        var run = await ShellRun.RunAsync("read\n", "--data-dir", _dir.Path).WaitAsync(Timeout);

        Assert.Contains("torn tail", run.Error);
        Assert.Contains("chain at block 1", run.Error);
    }

}
