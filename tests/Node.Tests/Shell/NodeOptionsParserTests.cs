using Beamchain.Node.Chain;
using Beamchain.Node.Shell;

namespace Beamchain.Node.Tests.Shell;

public class NodeOptionsParserTests
{
    [Fact]
    public void No_arguments_give_the_defaults()
    {
        var parsed = NodeOptionsParser.Parse([]);

        Assert.True(parsed.Succeeded);
        Assert.Equal(new NodeOptions(), parsed.Options);
        Assert.Equal(TimeSpan.FromSeconds(5), parsed.Options.BlockTime);
        Assert.Equal(ChainStore.DefaultDirectory(parsed.Options.ResolveNodeName()), parsed.Options.ResolveDataDirectory());
    }

    [Fact]
    public void Reads_every_option_with_separate_or_inline_values()
    {
        var parsed = NodeOptionsParser.Parse(["--name", "node-a", "--data-dir=/tmp/a", "--trust-store", "--block-time", "250ms"]);

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
        var parsed = NodeOptionsParser.Parse(args);

        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.Equal(level, parsed.Options.LogLevel);
    }

    [Fact]
    public void The_default_data_directory_is_per_node()
    {
        var a = NodeOptionsParser.Parse(["--name", "a"]).Options!.ResolveDataDirectory();
        var b = NodeOptionsParser.Parse(["--name", "b"]).Options!.ResolveDataDirectory();

        Assert.NotEqual(a, b);
        Assert.EndsWith(Path.Combine("beamchain", "a"), a);
    }

    [Theory]
    [InlineData("5s", 5000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120000)]
    [InlineData("1.5", 1500)]
    [InlineData("1h", 3600000)]
    public void Durations_take_units(string text, int milliseconds)
    {
        Assert.True(NodeOptionsParser.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData(new[] { "--block-time", "0s" }, "--block-time needs a positive duration")]
    [InlineData(new[] { "--block-time", "fast" }, "got 'fast'")]
    [InlineData(new[] { "--block-time" }, "--block-time needs a value")]
    [InlineData(new[] { "--data-dir" }, "--data-dir needs a value")]
    [InlineData(new[] { "--colour" }, "unknown option '--colour'")]
    [InlineData(new[] { "extra" }, "unexpected argument 'extra'")]
    [InlineData(new[] { "--trust-store=yes" }, "--trust-store takes no value")]
    [InlineData(new[] { "--name", "../up" }, "--name takes letters")]
    [InlineData(new[] { "--log-level", "loud" }, "--log-level is one of trace, debug, information, warning, error, critical, none; got 'loud'")]
    [InlineData(new[] { "--log-level", "3" }, "got '3'")]
    public void Bad_input_says_what_was_wrong(string[] args, string message)
    {
        var parsed = NodeOptionsParser.Parse(args);

        Assert.False(parsed.Succeeded);
        Assert.Contains(message, parsed.Error);
    }

    [Fact]
    public void Usage_lists_every_option()
    {
        var usage = NodeOptionsParser.Usage();

        Assert.All(NodeOptionsParser.Options, option => Assert.Contains(option.Name, usage));
    }
}
