using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;

namespace Beamchain.Node.Tests.Chain;

public class GenesisTests
{
    [Fact]
    public void Its_header_hashes_to_the_recorded_hash()
    {
        Assert.Equal(Genesis.Hash, Genesis.Block.Hash);
        Assert.Equal(Genesis.HashHex, Genesis.Header.Hash().ToHex());
    }

    [Fact]
    public void Its_work_meets_its_target_at_the_network_minimum()
    {
        Assert.Equal(ChainRules.Default.MinimumBits, Genesis.Header.Bits);
        Assert.True(Genesis.Block.Hash <= Genesis.Block.Target);
        Assert.True(Genesis.Block.Hash.LeadingZeroBits() >= 16);
        Assert.Equal(16.0, Genesis.Block.DifficultyBits, precision: 3);
    }

    [Fact]
    public void Its_nonce_is_the_first_that_works()
    {
        for (ulong nonce = 0; nonce < Genesis.Nonce; nonce++)
        {
            Assert.True(Genesis.Header.WithNonce(nonce).Hash() > Genesis.Block.Target);
        }
    }

    [Fact]
    public void It_starts_the_chain()
    {
        Assert.Equal(0UL, Genesis.Block.Height);
        Assert.Equal(Hash256.Zero, Genesis.Header.PreviousHash);
        Assert.Equal(BlockHeader.HashData(Genesis.Data), Genesis.Header.DataHash);
    }
}
