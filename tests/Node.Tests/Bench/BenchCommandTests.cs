using System.Text.Json;
using Beamchain.Node.Tests.Cli;

namespace Beamchain.Node.Tests.Bench;

public class BenchCommandTests
{
    [Fact]
    public async Task Prints_each_device_and_the_total_and_ends_with_one_JSON_object()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await InProcessCli.RunAsync(["bench", "--device", "cpu", "--duration", "300ms", "--json"], TextReader.Null, output, error);

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
    public async Task Absent_hardware_is_a_usage_error_listing_what_is_present()
    {
        var error = new StringWriter();
        Assert.Equal(2, await InProcessCli.RunAsync(["bench", "--device", "opencl"], TextReader.Null, new StringWriter(), error));
        Assert.Contains("no OpenCL device found", error.ToString());
        Assert.Contains("Present: cpu ", error.ToString());
    }

    [Fact]
    public async Task A_bad_option_is_one_line_naming_it_and_where_the_usage_is()
    {
        var error = new StringWriter();
        Assert.Equal(2, await InProcessCli.RunAsync(["bench", "--duration", "soon"], TextReader.Null, new StringWriter(), error));
        Assert.Equal(
            "beamchain bench: --duration needs a positive duration of at most 24h such as 500ms, 5s, 2m or 1m30s, got 'soon'; run 'beamchain bench --help' for the options",
            Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
