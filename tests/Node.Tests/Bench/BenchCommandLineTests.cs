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

    // Every name the help and README list is taken, in any case; the names with digits in them
    // (avx2, avx512vl, avx512) were once all refused, as the reader refused any digit to keep out numbers.
    [Theory]
    [InlineData("scalar", CpuInstructionSet.Scalar)]
    [InlineData("avx2", CpuInstructionSet.Avx2)]
    [InlineData("AVX512VL", CpuInstructionSet.Avx512Vl)]
    [InlineData("avx512", CpuInstructionSet.Avx512)]
    public void Reads_each_instruction_set_this_cpu_supports(string text, CpuInstructionSet expected)
    {
        var parsed = Parse("--simd", text);
        if (CpuSearcher.IsSupported(expected))
        {
            Assert.True(parsed.Succeeded, parsed.Error);
            Assert.Equal(expected, parsed.Options!.Simd);
        }
        else
        {
            Assert.Contains($"this CPU does not support --simd {text}", parsed.Error);
        }
    }

    [Theory]
    [InlineData("--simd", "1", "--simd is one of scalar, avx2, avx512vl, avx512; got '1'")]
    [InlineData("--simd", "avx2,scalar", "got 'avx2,scalar'")]
    [InlineData("--simd", " avx2", "got ' avx2'")]
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
