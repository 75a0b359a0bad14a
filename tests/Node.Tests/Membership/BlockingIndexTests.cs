using Beamchain.Node.Membership.Consul;

namespace Beamchain.Node.Tests.Membership;

public class BlockingIndexTests
{
    [Fact]
    public void Sends_back_the_index_it_received() => Assert.Equal(42UL, BlockingIndex.Next(7, 42));

    [Fact]
    public void Keeps_an_unchanged_index_after_a_wait_timed_out() => Assert.Equal(42UL, BlockingIndex.Next(42, 42));

    [Fact]
    public void Starts_again_from_zero_when_the_index_goes_backwards() => Assert.Equal(0UL, BlockingIndex.Next(42, 3));

    [Fact]
    public void Never_sends_zero_after_an_answer_so_it_cannot_spin() => Assert.Equal(1UL, BlockingIndex.Next(0, 0));
}
