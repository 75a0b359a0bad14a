using Beamchain.Node.Bench;

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
}
