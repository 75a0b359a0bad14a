using Beamchain.Node.Bench;
using Beamchain.Node.Faults;

namespace Beamchain.Node.Tests.Bench;

public sealed class IntegerArgumentsTests
{
    private static readonly Dictionary<string, int> Defaults = new() { ["--rounds"] = 20, ["--seconds"] = 5 };

    [Fact]
    public void Absent_names_keep_their_defaults_and_given_ones_replace_them()
    {
        Assert.True(IntegerArguments.TryParse(["--seconds", "9"], Defaults, out var parsed, out _));
        Assert.False(parsed.Help);
        Assert.Equal(20, parsed["--rounds"]);
        Assert.Equal(9, parsed["--seconds"]);
    }

    [Theory]
    [InlineData(new[] { "--bogus", "1" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--rounds" }, "--rounds needs a whole number")]
    [InlineData(new[] { "--rounds", "many" }, "--rounds needs a whole number, not 'many'")]
    [InlineData(new[] { "--rounds", "2.5" }, "--rounds needs a whole number, not '2.5'")]
    public void Bad_input_is_refused_saying_what_was_wrong(string[] args, string expected)
    {
        Assert.False(IntegerArguments.TryParse(args, Defaults, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_is_recognised_anywhere(string flag)
    {
        Assert.True(IntegerArguments.TryParse(["--rounds", "3", flag], Defaults, out var parsed, out _));
        Assert.True(parsed.Help);
    }

    [Fact]
    public async Task Bench_cluster_and_bench_faults_print_their_usage_on_help_and_run_nothing()
    {
        foreach (var run in new Func<string[], TextWriter, TextWriter, Task<int>>[] { ClusterBench.RunAsync, FaultRounds.RunAsync })
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.Equal(0, await run(["--help"], output, error));
            Assert.StartsWith("usage: beamchain bench-", output.ToString(), StringComparison.Ordinal);
            Assert.Equal("", error.ToString());
        }
    }

    [Fact]
    public async Task Bench_cluster_and_bench_faults_refuse_an_unknown_option_with_exit_2()
    {
        foreach (var run in new Func<string[], TextWriter, TextWriter, Task<int>>[] { ClusterBench.RunAsync, FaultRounds.RunAsync })
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.Equal(2, await run(["--nodez", "3"], output, error));
            Assert.Contains("unknown option '--nodez'", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("usage: beamchain bench-", error.ToString(), StringComparison.Ordinal);
            Assert.Equal("", output.ToString());
        }
    }
}
