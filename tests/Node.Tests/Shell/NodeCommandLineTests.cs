using Beamchain.CommandLine;
using Beamchain.Node.Chain;
using Beamchain.Node.Shell;
using Beamchain.Node.Tests.Cli;

namespace Beamchain.Node.Tests.Shell;

public class NodeCommandLineTests
{
    [Fact]
    public void No_arguments_give_the_defaults()
    {
        var parsed = Parse();

        Assert.True(parsed.Succeeded);
        Assert.Equal(new NodeOptions(), parsed.Options);
        Assert.Equal(TimeSpan.FromSeconds(5), parsed.Options.BlockTime);
        Assert.Equal(ChainStore.DefaultDirectory(parsed.Options.ResolveNodeName()), parsed.Options.ResolveDataDirectory());
    }

    [Fact]
    public void Reads_every_option_with_separate_or_inline_values()
    {
        var parsed = Parse("--name", "node-a", "--data-dir=/tmp/a", "--trust-store", "--block-time", "250ms");

        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.Equal("node-a", parsed.Options.NodeName);
        Assert.Equal("/tmp/a", parsed.Options.ResolveDataDirectory());
        Assert.True(parsed.Options.TrustStore);
        Assert.Equal(TimeSpan.FromMilliseconds(250), parsed.Options.BlockTime);
    }

    [Theory]
    [InlineData(new string[0], Microsoft.Extensions.Logging.LogLevel.Warning)]
    [InlineData(new[] { "--log-level", "debug" }, Microsoft.Extensions.Logging.LogLevel.Debug)]
    [InlineData(new[] { "--log-level=None" }, Microsoft.Extensions.Logging.LogLevel.None)]
    public void The_proto_log_level_defaults_to_warnings(string[] args, Microsoft.Extensions.Logging.LogLevel level)
    {
        var parsed = Parse(args);

        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.Equal(level, parsed.Options.LogLevel);
    }

    [Fact]
    public void The_default_data_directory_is_per_node()
    {
        var a = Parse("--name", "a").Options!.ResolveDataDirectory();
        var b = Parse("--name", "b").Options!.ResolveDataDirectory();

        Assert.NotEqual(a, b);
        Assert.EndsWith(Path.Combine("beamchain", "a"), a);
    }

    [Theory]
    [InlineData("5s", 5000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120000)]
    [InlineData("1.5s", 1500)]
    [InlineData("1h", 3600000)]
    [InlineData("1m30s", 90000)]
    public void Durations_take_units(string text, int milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("5 s")]
    [InlineData("5sec")]
    [InlineData("-5s")]
    [InlineData("s")]
    [InlineData("")]
    public void A_duration_without_a_unit_or_with_an_unknown_one_is_refused(string text)
    {
        Assert.False(Duration.TryParse(text, out _));
    }

    [Fact]
    public void The_lease_time_is_a_duration()
    {
        var parsed = Parse("--lease-time", "250ms");

        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.Equal(TimeSpan.FromMilliseconds(250), parsed.Options.LeaseTime);
    }

    [Fact]
    public void An_option_given_twice_takes_the_last_value_and_checks_both()
    {
        var parsed = Parse("--device", "cpu", "--port", "1", "--device", "none");

        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.Equal("none", parsed.Options.Device);
        Assert.Contains("--port takes a number", Parse("--port", "x", "--port", "2").Error);
    }

    [Fact]
    public void Tokens_and_origins_may_be_repeated()
    {
        var parsed = Parse("--grid-token", "a", "--grid-token", "b", "--grid-origin", "https://example.org");

        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.Equal(["a", "b"], parsed.Options.GridTokens);
        Assert.Equal(["https://example.org"], parsed.Options.GridOrigins);
    }

    [Theory]
    [InlineData(new[] { "--block-time", "0s" }, "--block-time needs a positive duration")]
    [InlineData(new[] { "--block-time", "fast" }, "got 'fast'")]
    [InlineData(new[] { "--block-time", "5" }, "--block-time needs a positive duration such as 500ms, 5s, 2m or 1m30s, got '5'")]
    [InlineData(new[] { "--lease-time", "1000" }, "--lease-time needs a positive duration")]
    [InlineData(new[] { "--port", "70000" }, "--port takes a number from 0 to 65535, got '70000'")]
    [InlineData(new[] { "--grid-port", "http" }, "--grid-port takes a number from 0 to 65535, got 'http'")]
    [InlineData(new[] { "--cluster", "mesh" }, "--cluster is one of auto, consul, seed, single; got 'mesh'")]
    [InlineData(new[] { "--consul", "ftp://x" }, "--consul: ")]
    [InlineData(new[] { "--seed", "nowhere" }, "--seed takes host:port, e.g. 127.0.0.1:4020; got 'nowhere'")]
    [InlineData(new[] { "--device", "abacus" }, "--device")]
    [InlineData(new[] { "--cpu-threads", "0" }, "--cpu-threads takes a number from 1 to")]
    [InlineData(new[] { "--grid-host", "example.org" }, "--grid-host takes an IP address")]
    [InlineData(new[] { "--grid-origin", "nowhere" }, "--grid-origin takes an origin such as https://example.org, got 'nowhere'")]
    [InlineData(new[] { "--block-time" }, "--block-time needs a value")]
    [InlineData(new[] { "--data-dir" }, "--data-dir needs a value")]
    [InlineData(new[] { "--colour" }, "unknown option '--colour'")]
    [InlineData(new[] { "extra" }, "unexpected argument 'extra'")]
    [InlineData(new[] { "--trust-store=yes" }, "--trust-store takes no value")]
    [InlineData(new[] { "--name", "../up" }, "--name takes letters")]
    [InlineData(new[] { "--log-level", "loud" }, "--log-level is one of trace, debug, information, warning, error, critical, none; got 'loud'")]
    [InlineData(new[] { "--log-level", "3" }, "got '3'")]
    [InlineData(new[] { "--log-level", "debug,information" }, "got 'debug,information'")] // once taken, as Warning (1 | 2)
    public void Bad_input_says_what_was_wrong(string[] args, string message)
    {
        var parsed = Parse(args);

        Assert.False(parsed.Succeeded);
        Assert.Contains(message, parsed.Error);
    }

    private static CommandLineParse<NodeOptions> Parse(params string[] args)
    {
        var commandLine = new NodeCommandLine();
        return CommandLineParse<NodeOptions>.Of(commandLine.All, commandLine.Read, args);
    }
}
