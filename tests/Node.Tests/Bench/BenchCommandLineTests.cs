using Beamchain.Kernels.Cpu;
using Beamchain.Node.Bench;
using Beamchain.Node.Tests.Cli;

namespace Beamchain.Node.Tests.Bench;

public class BenchCommandLineTests
{
    [Fact]
    public void Defaults_to_five_seconds_on_the_default_devices_in_text()
    {
        var options = Parse().Options;
        Assert.Equal(BenchOptions.Default, options);
        Assert.Equal(TimeSpan.FromSeconds(5), options!.Duration);
        Assert.Null(options.Device);
        Assert.False(options.Json);
    }

    [Fact]
    public void Reads_every_option()
    {
        var (options, error) = Parse("--device", "cuda,cpu", "--duration", "2.5s", "--json", "--cpu-threads", "1", "--simd", "scalar");
        Assert.True(options is not null, error);
        Assert.Equal(new BenchOptions("cuda,cpu", TimeSpan.FromSeconds(2.5), true, 1, CpuInstructionSet.Scalar), options);
        Assert.Equal(new CpuSearchOptions(1, CpuInstructionSet.Scalar), options.CpuOptions);
    }

    [Theory]
    [InlineData("--duration", "zero", "--duration needs a positive duration of at most 24h such as 500ms, 5s, 2m or 1m30s, got 'zero'")]
    [InlineData("--duration", "0s", "got '0s'")]
    [InlineData("--duration", "5", "got '5'")]
    [InlineData("--cpu-threads", "-1", "--cpu-threads takes a number from 1 to")]
    [InlineData("--simd", "sse", "--simd is one of scalar, avx2, avx512vl, avx512; got 'sse'")]
    [InlineData("--device", "abacus", "--device")]
    [InlineData("--frobnicate", "1", "unknown option '--frobnicate'")]
    [InlineData("--threads", "1", "unknown option '--threads' (did you mean --cpu-threads?)")]
    [InlineData("--duraton", "1s", "unknown option '--duraton' (did you mean --duration?)")]
    public void Rejects_bad_values_and_unknown_options(string name, string value, string expected)
    {
        var parsed = Parse(name, value);
        Assert.False(parsed.Succeeded);
        Assert.Contains(expected, parsed.Error);
    }

    [Fact]
    public void An_option_without_its_value_is_an_error()
    {
        Assert.Contains("--duration needs a value", Parse("--duration").Error);
    }

    private static CommandLineParse<BenchOptions> Parse(params string[] args)
    {
        var commandLine = new BenchCommandLine();
        return CommandLineParse<BenchOptions>.Of(commandLine.All, commandLine.Read, args);
    }
}
