using Beamchain.CommandLine;
using Beamchain.ConsulDouble;

namespace Beamchain.Node.Tests.Cli;

/// <summary>What every command line promises: help on -h/--help (exit 0), one line naming the option for bad input (exit 2).</summary>
public class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task The_node_s_help_lists_every_subcommand_and_option(string help)
    {
        var (exit, output, error) = await RunAsync(help);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+bench\s", output);
        Assert.Matches(@"(?m)^\s+worker\s", output);
        Assert.All(["--block-time", "--lease-time", "--cpu-threads", "--cookie-file", "--grid-token", "--log-level"], option => Assert.Contains(option, output, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bench", "--help", "--duration")]
    [InlineData("bench", "-h", "--simd")]
    [InlineData("worker", "--help", "--pool")]
    [InlineData("worker", "-h", "--duty")]
    [InlineData("worker", "--help", "--log-level")]
    public async Task Each_subcommand_has_its_own_help(string subcommand, string help, string option)
    {
        var (exit, output, error) = await RunAsync(subcommand, help);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains($"beamchain {subcommand} [options]", output, StringComparison.Ordinal);
        Assert.Contains(option, output, StringComparison.Ordinal);
        Assert.Contains("--cpu-threads", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a port", "--port", "65536")]
    [InlineData("a duration without a unit", "--block-time", "5")]
    [InlineData("a duration of zero", "--lease-time", "0s")]
    [InlineData("a choice", "--cluster", "mesh")]
    [InlineData("a Consul address", "--consul", "ftp://agent")]
    [InlineData("a seed address", "--seed", "no-port")]
    [InlineData("a cookie", "--cookie", " padded")]
    [InlineData("a device list", "--device", "cpu,abacus")]
    [InlineData("a thread count", "--cpu-threads", "0")]
    [InlineData("a name", "--name", "../up")]
    [InlineData("a gateway address", "--grid-host", "example.org")]
    [InlineData("an origin", "--grid-origin", "nowhere")]
    [InlineData("a log level", "--log-level", "loud")]
    [InlineData("an empty value", "--data-dir", "")]
    public async Task A_bad_node_value_is_one_line_naming_the_option(string kind, string option, string value)
    {
        var (exit, output, error) = await RunAsync(option, value);

        Assert.True(exit == 2, $"{kind}: exit {exit}");
        Assert.Equal("", output);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith("beamchain: ", line, StringComparison.Ordinal);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.EndsWith("; run 'beamchain --help' for the options", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--colour", "unknown option '--colour'")]
    [InlineData("--block-tme", "unknown option '--block-tme' (did you mean --block-time?)")]
    [InlineData("--data", "unknown option '--data' (did you mean --data-dir?)")]
    [InlineData("extra", "unexpected argument 'extra'")]
    [InlineData("--block-time", "--block-time needs a value: --block-time <duration>")]
    [InlineData("--trust-store=yes", "--trust-store takes no value")]
    public async Task A_malformed_command_line_says_what_was_wrong(string arg, string message)
    {
        var (exit, _, error) = await RunAsync(arg);

        Assert.Equal(2, exit);
        Assert.Equal($"beamchain: {message}; run 'beamchain --help' for the options", Assert.Single(Lines(error)));
    }

    [Theory]
    [InlineData("bench", "--duration", "5", "--duration")]
    [InlineData("bench", "--cpu-threads", "lots", "--cpu-threads")]
    [InlineData("bench", "--simd", "sse", "--simd")]
    [InlineData("bench", "--device", "abacus", "--device")]
    [InlineData("worker", "--duty", "150", "--duty")]
    [InlineData("worker", "--pool", "http://127.0.0.1:4030/grid", "--pool")]
    [InlineData("worker", "--log-level", "loud", "--log-level")]
    [InlineData("worker", "--token", "", "--token takes a token of 1 to 256 characters")]
    public async Task A_bad_subcommand_value_is_one_line_naming_the_option(string subcommand, string option, string value, string named)
    {
        string[] pool = subcommand == "worker" && option != "--pool" ? ["--pool", "ws://127.0.0.1:1/grid"] : [];
        var (exit, output, error) = await RunAsync([subcommand, .. pool, option, value]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith($"beamchain {subcommand}: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_without_a_pool_is_told_it_needs_one()
    {
        var (exit, _, error) = await RunAsync("worker", "--duty", "50");

        Assert.Equal(2, exit);
        Assert.Contains("--pool", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_consul_double_has_help_and_names_a_bad_option()
    {
        var started = false;
        var command = new ConsulDoubleCommandLine().Create(_ =>
        {
            started = true;
            return Task.FromResult(0);
        });
        var (output, error) = (new StringWriter(), new StringWriter());

        Assert.Equal(0, await CommandLineRun.RunAsync(command, ["-h"], output, error));
        Assert.Contains("--reap-interval <duration>", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await CommandLineRun.RunAsync(command, ["--reap-interval", "30"], output, error));
        Assert.Equal("consul-double: bad value '30' for --reap-interval; run 'consul-double --help' for the options", Assert.Single(Lines(error.ToString())));
        Assert.False(started);
    }

    [Fact]
    public async Task The_built_node_answers_help_and_bad_input_as_a_process()
    {
        var help = await BuiltNode.RunAsync(["-h"], TimeSpan.FromSeconds(60));
        var bad = await BuiltNode.RunAsync(["bench", "--cpu-threads", "none"], TimeSpan.FromSeconds(60));

        Assert.True(help.Code == 0, help.Error);
        Assert.Matches(@"(?m)^\s+worker\s", help.Output);
        Assert.Equal(2, bad.Code);
        Assert.Equal("", bad.Output);
        Assert.StartsWith("beamchain bench: --cpu-threads takes a number from 1 to", Assert.Single(Lines(bad.Error)), StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await InProcessCli.RunAsync(args, TextReader.Null, output, error).WaitAsync(TimeSpan.FromSeconds(60));
        return (exit, output.ToString(), error.ToString());
    }
}
