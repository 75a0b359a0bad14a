using Beamchain.Kernels.Cpu;
using Beamchain.Node.Bench;

namespace Beamchain.Node.Tests.Bench;

public class BenchOptionsTests
{
    [Fact]
    public void Defaults_to_five_seconds_on_the_default_devices_in_text()
    {
        Assert.True(BenchOptions.TryParse([], out var options, out _));
        Assert.Equal(BenchOptions.Default, options);
        Assert.Equal(5, options.Seconds);
        Assert.Null(options.Device);
        Assert.False(options.Json);
    }

    [Fact]
    public void Reads_every_option()
    {
        Assert.True(BenchOptions.TryParse(["--device", "cuda,cpu", "--seconds", "2.5", "--json", "--threads", "1", "--simd", "scalar"], out var options, out var error), error);
        Assert.Equal(new BenchOptions("cuda,cpu", 2.5, true, 1, CpuInstructionSet.Scalar), options);
        Assert.Equal(new CpuSearchOptions(1, CpuInstructionSet.Scalar), options.CpuOptions);
    }

    [Theory]
    [InlineData("--seconds", "zero", "--seconds 'zero'")]
    [InlineData("--seconds", "0", "--seconds '0'")]
    [InlineData("--threads", "-1", "--threads '-1'")]
    [InlineData("--simd", "sse", "--simd 'sse'")]
    [InlineData("--frobnicate", "1", "unknown option '--frobnicate'")]
    public void Rejects_bad_values_and_unknown_options(string name, string value, string expected)
    {
        Assert.False(BenchOptions.TryParse([name, value], out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void An_option_without_its_value_is_an_error()
    {
        Assert.False(BenchOptions.TryParse(["--seconds"], out _, out var error));
        Assert.Contains("--seconds needs a value", error);
    }
}
