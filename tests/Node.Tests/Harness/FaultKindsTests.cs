using Beamchain.Harness.Faults;

namespace Beamchain.Node.Tests.Harness;

public class FaultKindsTests
{
    [Fact]
    public void A_comma_list_names_the_kinds_in_order()
    {
        Assert.True(FaultKinds.TryParse("kill,Pause, partition,consul", out var kinds, out _));
        Assert.Equal([FaultKind.Kill, FaultKind.Pause, FaultKind.Partition, FaultKind.Consul], kinds);
    }

    [Theory]
    [InlineData("kill,reboot", "'reboot'")]
    [InlineData("1", "'1'")]
    [InlineData("pause,pause", "pause twice")]
    public void An_unknown_or_repeated_kind_is_refused_with_what_was_wrong(string text, string named)
    {
        Assert.False(FaultKinds.TryParse(text, out _, out var error));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }
}
