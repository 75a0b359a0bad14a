using Beamchain.ConsulDouble;

namespace Beamchain.Node.Tests.ConsulDouble;

public class GoDurationParsingTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("10s", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m", 60_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("+2s", 2_000)]
    [InlineData("1500us", 1.5)]
    public void Reads_go_durations(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("10 s")]
    [InlineData("1d")]
    [InlineData("1..5s")]
    public void Rejects_what_go_rejects(string text) => Assert.False(GoDuration.TryParse(text, out _));
}
