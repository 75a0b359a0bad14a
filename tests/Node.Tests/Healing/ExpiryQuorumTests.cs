using Beamchain.Node.Healing;

namespace Beamchain.Node.Tests.Healing;

public class ExpiryQuorumTests
{
    [Fact]
    public void The_majority_side_drops_the_members_it_no_longer_hears()
    {
        Assert.True(ExpiryQuorum.MayDrop(["a", "b", "c"], ["c"]));
    }

    [Fact]
    public void The_minority_side_drops_nobody()
    {
        Assert.False(ExpiryQuorum.MayDrop(["a", "b", "c"], ["a", "b"]));
    }

    [Fact]
    public void On_a_tie_only_the_side_holding_the_smallest_id_drops_the_other()
    {
        Assert.True(ExpiryQuorum.MayDrop(["a", "b"], ["b"]));
        Assert.False(ExpiryQuorum.MayDrop(["a", "b"], ["a"]));
    }
}
