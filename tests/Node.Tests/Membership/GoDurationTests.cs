using Beamchain.Node.Membership.Consul;

namespace Beamchain.Node.Tests.Membership;

public class GoDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(10_000, "10s")]
    [InlineData(500, "500ms")]
    [InlineData(60_000, "1m")]
    [InlineData(90_000, "90s")]
    [InlineData(3_600_000, "1h")]
    [InlineData(1_500, "1500ms")]
    public void Formats_in_the_largest_exact_unit(int milliseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Rounds_sub_microsecond_remainders_up() =>
        Assert.Equal("2us", GoDuration.Format(TimeSpan.FromTicks(11)));

    [Fact]
    public void Refuses_negative_durations() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GoDuration.Format(TimeSpan.FromSeconds(-1)));
}
