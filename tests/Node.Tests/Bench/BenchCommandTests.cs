using System.Text.Json;
using Beamchain.Kernels.Devices;
using Beamchain.Node.Bench;

namespace Beamchain.Node.Tests.Bench;

public class BenchCommandTests
{
    private static readonly DeviceCatalog CpuOnly = new([DeviceCatalog.DescribeCpu()]);

    [Fact]
    public void Prints_each_device_and_the_total_and_ends_with_one_JSON_object()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = BenchCommand.Run(["--device", "cpu", "--seconds", "0.3", "--json"], output, error, () => CpuOnly);

        Assert.True(exit == 0, error.ToString());
        var lines = output.ToString().TrimEnd().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("cpu ", StringComparison.Ordinal) && l.Contains("MH/s"));
        Assert.Contains(lines, l => l.StartsWith("total: ", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(lines[^1]);
        var total = json.RootElement.GetProperty("hashesPerSecond").GetDouble();
        var device = Assert.Single(json.RootElement.GetProperty("devices").EnumerateArray());
        Assert.Equal("cpu", device.GetProperty("id").GetString());
        Assert.True(device.GetProperty("hashes").GetUInt64() > 0);
        Assert.Equal(total, device.GetProperty("hashesPerSecond").GetDouble());
    }

    [Fact]
    public void Absent_hardware_is_a_usage_error_listing_what_is_present()
    {
        var error = new StringWriter();
        Assert.Equal(2, BenchCommand.Run(["--device", "opencl"], new StringWriter(), error, () => CpuOnly));
        Assert.Contains("no OpenCL device found", error.ToString());
        Assert.Contains("Present: cpu ", error.ToString());
    }

    [Fact]
    public void A_bad_option_is_a_usage_error_with_the_usage()
    {
        var error = new StringWriter();
        Assert.Equal(2, BenchCommand.Run(["--seconds", "soon"], new StringWriter(), error, () => CpuOnly));
        Assert.Contains("usage: beamchain bench", error.ToString());
    }
}
