using System.Numerics;
using Beamchain.Node.Chain;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Chain;

public class VerifiedWindowTests
{
    private static readonly IReadOnlyList<Block> Blocks = TestMiner.Children(Genesis.Block, "a", "b", "c");

    private static VerifiedWindow WindowOfAll()
    {
        var headers = new VerifiedHeaders(new BlockValidator(ChainRules.Default, new FakeTimeProvider(TestMiner.Now)), Genesis.Block, BigInteger.Zero);
        Assert.True(headers.Add(Blocks.SelectMany(b => b.Header.ToBytes()).ToArray()).IsValid);
        return headers.Window(1, Blocks.Count);
    }

    private static byte[] RecordsOf(IEnumerable<Block> blocks) => blocks.SelectMany(BlockRecord.Encode).ToArray();

    [Fact]
    public void Blocks_with_the_checked_headers_match_and_carry_their_hashes_and_data()
    {
        Assert.True(WindowOfAll().TryMatch(RecordsOf(Blocks), out var matched, out var problem), problem);

        Assert.Equal(Blocks.Select(b => b.Hash), matched.Select(b => b.Hash));
        Assert.Equal(Blocks.Select(b => b.Data), matched.Select(b => b.Data));
        Assert.All(matched, b => Assert.True(b.DataMatchesHeader));
    }

    [Fact]
    public void A_shorter_answer_matches_as_far_as_it_goes()
    {
        Assert.True(WindowOfAll().TryMatch(RecordsOf(Blocks.Take(2)), out var matched, out _));

        Assert.Equal(2, matched.Length);
    }

    [Fact]
    public void A_block_whose_header_differs_by_one_byte_does_not_match()
    {
        var changed = Block.Create(Blocks[1].Header with { Nonce = Blocks[1].Header.Nonce + 1 }, Blocks[1].Data);

        Assert.False(WindowOfAll().TryMatch(RecordsOf([Blocks[0], changed]), out _, out var problem));
        Assert.Contains("block 2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void More_blocks_than_the_window_holds_do_not_match()
    {
        var fourth = TestMiner.Child(Blocks[^1], "d");

        Assert.False(WindowOfAll().TryMatch(RecordsOf(Blocks.Append(fourth)), out _, out var problem));
        Assert.Contains("1..3", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_record_does_not_match()
    {
        var records = RecordsOf(Blocks);

        Assert.False(WindowOfAll().TryMatch(records.AsMemory(0, records.Length - 1), out _, out _));
    }

    [Fact]
    public void A_block_with_other_data_under_its_true_header_matches_but_its_data_does_not()
    {
        var swapped = Block.Create(Blocks[0].Header, "other data", Blocks[0].RequestId);

        Assert.True(WindowOfAll().TryMatch(RecordsOf([swapped]), out var matched, out _));
        Assert.False(matched[0].DataMatchesHeader);
    }
}
