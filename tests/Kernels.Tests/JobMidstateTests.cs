using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Tests;

public class JobMidstateTests
{
    [Fact]
    public void Hashing_through_the_midstate_equals_hashing_the_96_bytes_whole()
    {
        var random = new Random(96);
        for (var i = 0; i < 200; i++)
        {
            var header = SearchCases.RandomHeader(random);
            var midstate = new JobMidstate(new SearchJob(header, SearchCases.TargetWithLeadingZeroBits(1)));
            var nonce = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            Assert.Equal(header.WithNonce(nonce).Hash(), midstate.HashOf(nonce));
        }
    }

    [Fact]
    public void A_nonce_qualifies_exactly_when_its_hash_is_at_most_the_target()
    {
        var header = SearchCases.RandomHeader(new Random(7));
        var hash = header.WithNonce(12345).Hash();
        Assert.True(new JobMidstate(new SearchJob(header, hash)).Qualifies(12345));
        var justBelow = Header.CompactTarget.FromBigInteger(Header.CompactTarget.ToBigInteger(hash) - 1);
        Assert.False(new JobMidstate(new SearchJob(header, justBelow)).Qualifies(12345));
    }
}
