using System.Net;
using Beamchain.ConsulDouble;

namespace Beamchain.Node.Tests.ConsulDouble;

public class ConsulDoubleOptionsTests
{
    [Fact]
    public void Defaults_behave_like_consul_agent_dev()
    {
        Assert.True(ConsulDoubleOptions.TryParse([], out var options, out _));
        Assert.Equal((IPAddress.Loopback, 8500, null, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1)),
            (options.Host, options.Port, options.Token, options.ReapInterval, options.MinimumDeregisterAfter));
    }

    [Fact]
    public void Reads_every_option()
    {
        Assert.True(ConsulDoubleOptions.TryParse(
            ["--port", "18500", "--host", "0.0.0.0", "--token", "secret", "--reap-interval", "200ms", "--min-deregister-after", "0s"],
            out var options, out var error), error);
        Assert.Equal((IPAddress.Any, 18500, "secret", TimeSpan.FromMilliseconds(200), TimeSpan.Zero),
            (options.Host, options.Port, options.Token, options.ReapInterval, options.MinimumDeregisterAfter));
    }

    [Theory]
    [InlineData("--port", "eighty", "bad value 'eighty' for --port")]
    [InlineData("--port", "70000", "bad value '70000' for --port")]
    [InlineData("--reap-interval", "0s", "bad value '0s' for --reap-interval")]
    [InlineData("--verbose", "yes", "unknown option '--verbose'")]
    public void Names_the_option_that_was_wrong(string name, string value, string expected)
    {
        Assert.False(ConsulDoubleOptions.TryParse([name, value], out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void An_option_without_its_value_is_an_error()
    {
        Assert.False(ConsulDoubleOptions.TryParse(["--port"], out _, out var error));
        Assert.Equal("--port needs a value", error);
    }
}
