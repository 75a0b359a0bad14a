using Beamchain.Kernels.Header;

namespace Beamchain.Kernels.Tests;

/// <summary>The README's worked example of the header layout, which anyone can check with sha256sum.</summary>
public class HeaderLayoutTests
{
    private const string ExampleHex =
        "00000001" + "0000000000000001" + "0000015f1c1a1018"
        + "0000000000000000000000000000000000000000000000000000000000000000"
        + "4e17811011ec217ac84a9e037a82758a7de318342886a88a37ebabf90f52af73"
        + "1d00ffff" + "0000000000000000";

    private static readonly BlockHeader Example = new(1, 1, 1_508_004_991_000, Hash256.Zero, BlockHeader.HashData("Genesis block"), 0x1d00ffff, 0);

    [Fact]
    public void Encodes_the_README_example_field_by_field_big_endian()
    {
        Assert.Equal(ExampleHex, Convert.ToHexString(Example.ToBytes()).ToLowerInvariant());
        Assert.Equal(Example, BlockHeader.Decode(Convert.FromHexString(ExampleHex)));
    }

    [Fact]
    public void Hashes_the_README_example_to_the_documented_digest()
    {
        Assert.Equal("2a99515ae7966cbe8fd85e65382c7c7c1278b2a4c7116761316d82f5fcef4e25", Example.Hash().ToHex().ToLowerInvariant());
    }
}
