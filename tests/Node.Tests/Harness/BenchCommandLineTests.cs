using Beamchain.Bench;

namespace Beamchain.Node.Tests.Harness;

/// <summary><c>beamchain-bench</c>'s command line, run in-process: help, and one line with exit 2 for bad input.</summary>
public sealed class BenchCommandLineTests
{
    public static TheoryData<string[]> HelpRequests => new()
    {
        { ["--help"] }, { ["-h"] },
        { ["faults", "--help"] }, { ["faults", "-h"] },
        { ["cluster", "--help"] }, { ["cluster", "-h"] },
        { ["chain", "--help"] }, { ["chain", "-h"] },
        { ["grid", "--help"] }, { ["grid", "-h"] },
    };

    [Theory]
    [MemberData(nameof(HelpRequests))]
    public async Task Help_on_any_command_prints_its_usage_and_exits_0_running_nothing(string[] args)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains(args.Length > 1 ? $" {args[0]} [options]" : " [command] [options]", output, StringComparison.Ordinal);
        if (args.Length == 1)
        {
            Assert.All(["faults", "cluster", "chain", "grid"], name => Assert.Contains($"  {name} ", output, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(new[] { "faults", "--rounds", "0" }, "--rounds must be at least 1, got 0")]
    [InlineData(new[] { "faults", "--nodes", "1" }, "--nodes must be at least 2, got 1")]
    [InlineData(new[] { "faults", "--faults", "kill,reboot" }, "'reboot'")]
    [InlineData(new[] { "faults", "--random-seed", "-1" }, "--random-seed must be at least 0")]
    [InlineData(new[] { "cluster", "--askers", "many" }, "'--askers'")]
    [InlineData(new[] { "cluster", "--duration" }, "'--duration'")]
    [InlineData(new[] { "cluster", "--duration", "5" }, "--duration needs a duration from 1s to 1m")]
    [InlineData(new[] { "chain", "--blocks", "2.5" }, "'--blocks'")]
    [InlineData(new[] { "chain", "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "grid", "--clients", "0" }, "--clients must be at least 1")]
    [InlineData(new[] { "shuffle" }, "'shuffle'")]
    [InlineData(new string[0], "Required command")]
    public async Task A_bad_command_line_gets_one_line_naming_what_was_wrong_and_exit_2(string[] args, string named)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(BenchCommandLine.UsageError, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("beamchain-bench: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.EndsWith("--help'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_consul_fault_without_the_double_is_refused_before_any_node_starts()
    {
        var (code, _, error) = await RunAsync(["faults", "--faults", "consul", "--consul-double", "/nonexistent/Beamchain.ConsulDouble.dll"]);

        Assert.Equal(2, code);
        Assert.Contains("'/nonexistent/Beamchain.ConsulDouble.dll' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grid_bench_reads_the_options_it_starts_its_volunteers_process_with()
    {
        var (code, output, error) = await RunAsync(["grid", "--simulate", "2", "--pool", $"ws://127.0.0.1:{FreePort.Next()}/", "--duration", "1s"]);

        Assert.True(code == 0, error);
        Assert.Contains("simulator: 2 volunteers started", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await BenchCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
