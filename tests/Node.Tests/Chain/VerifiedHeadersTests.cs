using System.Numerics;
using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Chain;

public class VerifiedHeadersTests
{
    private static readonly IReadOnlyList<Block> Blocks = TestMiner.Children(Genesis.Block, "a", "b", "c", "d", "e");

    private static BlockValidator Validator() => new(ChainRules.Default, new FakeTimeProvider(TestMiner.Now));

    private static byte[] HeadersOf(IEnumerable<Block> blocks) => blocks.SelectMany(b => b.Header.ToBytes()).ToArray();

    private static VerifiedHeaders FromGenesis(BigInteger replaced) => new(Validator(), Genesis.Block, replaced);

    [Fact]
    public void Headers_are_checked_as_one_chain_across_batches_and_their_work_adds_up()
    {
        var headers = FromGenesis(BigInteger.Zero);

        Assert.True(headers.Add(HeadersOf(Blocks.Take(2))).IsValid);
        Assert.True(headers.Add(HeadersOf(Blocks.Skip(2))).IsValid);

        Assert.Equal(5UL, headers.Top);
        Assert.Equal(Blocks.Aggregate(BigInteger.Zero, (sum, b) => sum + b.Work), headers.Work);
    }

    [Fact]
    public void A_batch_that_does_not_follow_the_last_checked_header_is_refused()
    {
        var headers = FromGenesis(BigInteger.Zero);
        headers.Add(HeadersOf(Blocks.Take(2)));

        var verdict = headers.Add(HeadersOf(Blocks.Skip(3)));

        Assert.Equal(BlockRejection.HeightNotNext, verdict.Rejection);
        Assert.Equal(2UL, headers.Top);
    }

    [Fact]
    public void The_check_stops_at_the_first_header_without_proof_of_work_and_keeps_those_before_it()
    {
        var headers = FromGenesis(BigInteger.Zero);
        var tampered = HeadersOf(Blocks);
        tampered[2 * BlockHeader.Size + BlockHeader.NonceOffset + 7] ^= 1; // block 3's nonce

        var verdict = headers.Add(tampered);

        Assert.Equal(BlockRejection.HashAboveTarget, verdict.Rejection);
        Assert.Equal(2UL, headers.Top);
    }

    [Fact]
    public void Overtakes_at_the_first_header_whose_work_exceeds_what_the_branch_replaces()
    {
        var headers = FromGenesis(Blocks[0].Work * 2); // the branch would replace two blocks' work

        headers.Add(HeadersOf(Blocks.Take(2)));
        Assert.Null(headers.OvertakesAt);
        headers.Add(HeadersOf(Blocks.Skip(2)));

        Assert.Equal(3UL, headers.OvertakesAt);
    }

    [Fact]
    public void A_window_across_two_batches_holds_both_parts_and_forgotten_headers_are_not_handed_out()
    {
        var headers = FromGenesis(BigInteger.Zero);
        headers.Add(HeadersOf(Blocks.Take(2)));
        headers.Add(HeadersOf(Blocks.Skip(2)));

        var window = headers.Window(2, 3);
        headers.Forget(3);

        Assert.Equal(2UL, window.From);
        Assert.Equal(Blocks.Skip(1).Take(3).Select(b => b.Hash), Enumerable.Range(2, 3).Select(h => window.HashAt((ulong)h)));
        Assert.Throws<ArgumentOutOfRangeException>(() => headers.Window(2, 1));
        Assert.Equal(Blocks[2].Hash, headers.Window(3, 1).HashAt(3));
    }
}
