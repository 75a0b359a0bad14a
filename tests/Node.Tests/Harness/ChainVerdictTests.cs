using Beamchain.Node.Chain;
using Beamchain.Harness.Faults;
using Beamchain.Node.Tests.Chain;

namespace Beamchain.Node.Tests.Harness;

public class ChainVerdictTests
{
    [Fact]
    public void Requests_missing_from_the_majority_chain_or_in_it_twice_and_nodes_on_another_tip_are_counted()
    {
        var main = Blocks("a", "b", "b");
        var other = Blocks("a", "c");
        var verdict = ChainVerdict.Of(["a", "b", "d"], new Dictionary<string, IReadOnlyList<Block>> { ["n1"] = main, ["n2"] = main, ["n3"] = other });

        Assert.Equal(["d"], verdict.Lost);
        Assert.Equal(["b"], verdict.Twice);
        Assert.Equal(1, verdict.Disagreeing);
        Assert.False(verdict.Healthy);
        Assert.Equal("acknowledged requests: 3; lost: 1 (d); mined into two blocks: 1 (b); refused yet mined: 0; nodes disagreeing at the end: 1 of 3", verdict.ToString());
    }

    [Fact]
    public void A_request_refused_outright_that_is_mined_all_the_same_is_counted()
    {
        var chain = Blocks("a", "refused");
        var verdict = ChainVerdict.Of(["a"], new Dictionary<string, IReadOnlyList<Block>> { ["n1"] = chain, ["n2"] = chain }, ["refused", "never mined"]);

        Assert.Equal(["refused"], verdict.RefusedYetMined);
        Assert.False(verdict.Healthy);
    }

    [Fact]
    public void Every_request_once_on_one_chain_everywhere_is_healthy()
    {
        var chain = Blocks("a", "b");
        Assert.True(ChainVerdict.Of(["a", "b"], new Dictionary<string, IReadOnlyList<Block>> { ["n1"] = chain, ["n2"] = chain }).Healthy);
    }

    private static IReadOnlyList<Block> Blocks(params string[] data)
    {
        var chain = new List<Block> { Genesis.Block };
        foreach (var item in data)
        {
            chain.Add(TestMiner.Child(chain[^1], item));
        }

        return chain;
    }
}
