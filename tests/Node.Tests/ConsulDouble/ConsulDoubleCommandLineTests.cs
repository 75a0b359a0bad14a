using System.Net;
using Beamchain.ConsulDouble;
using Beamchain.Node.Tests.Cli;

namespace Beamchain.Node.Tests.ConsulDouble;

public class ConsulDoubleCommandLineTests
{
    [Fact]
    public void Defaults_behave_like_consul_agent_dev()
    {
        var options = Parse().Options!;
        Assert.Equal((IPAddress.Loopback, 8500, null, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1)),
            (options.Host, options.Port, options.Token, options.ReapInterval, options.MinimumDeregisterAfter));
    }

    [Fact]
    public void Reads_every_option()
    {
        var (options, error) = Parse("--port", "18500", "--host", "0.0.0.0", "--token", "secret", "--reap-interval", "200ms", "--min-deregister-after", "0s");
        Assert.True(options is not null, error);
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
        Assert.Equal(expected, Parse(name, value).Error);
    }

    [Fact]
    public void An_option_without_its_value_is_an_error()
    {
        Assert.StartsWith("--port needs a value", Parse("--port").Error);
    }

    private static CommandLineParse<ConsulDoubleOptions> Parse(params string[] args)
    {
        var commandLine = new ConsulDoubleCommandLine();
        return CommandLineParse<ConsulDoubleOptions>.Of(commandLine.All, commandLine.Read, args);
    }
}
