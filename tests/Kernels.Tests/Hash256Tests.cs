using Beamchain.Kernels.Header;

namespace Beamchain.Kernels.Tests;

public class Hash256Tests
{
    [Fact]
    public void Orders_as_a_big_endian_number()
    {
        var small = Hash256.Parse("00000000000000000000000000000000000000000000000000000000000000ff");
        var large = Hash256.Parse("0000000000000000000000000000000000000000000000000000000000000100");
        Assert.True(small < large);
        Assert.Equal(large.ToHex(), Hash256.FromBytes(large.ToArray()).ToHex());
        Assert.Equal(247, large.LeadingZeroBits());
    }
}
