using System.Text.Json;
using Beamchain.Node.Chain;
using Beamchain.Node.Tests.Chain;
using Beamchain.Node.Web;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Web;

/// <summary><c>/api/chain</c>: pages of the main chain with the fields of <c>read --json</c>, and clear refusals of a bad query.</summary>
public sealed class ChainPageTests
{
    private static readonly Lazy<ChainState> FiveBlocks = new(() =>
    {
        var chain = new ChainState(new MemoryChainStore(), ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
        Assert.True(chain.TryAdopt(TestMiner.Children(Genesis.Block, "one", "two", "three", "four", "five")).Changed);
        return chain;
    });

    [Fact]
    public void Without_from_the_last_blocks_up_to_the_tip_are_listed()
    {
        using var page = Parse(null, "2");

        Assert.Equal(5UL, page.RootElement.GetProperty("tip").GetUInt64());
        Assert.Equal(4UL, page.RootElement.GetProperty("from").GetUInt64());
        Assert.Equal(JsonValueKind.Null, page.RootElement.GetProperty("next").ValueKind);
        Assert.Equal(["four", "five"], Data(page));
    }

    [Fact]
    public void Paging_with_next_walks_the_whole_chain_once()
    {
        var seen = new List<string>();
        string? from = "0";
        while (from is not null)
        {
            using var page = Parse(from, "4");
            seen.AddRange(Data(page));
            var next = page.RootElement.GetProperty("next");
            from = next.ValueKind == JsonValueKind.Null ? null : next.GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(["Beamchain genesis: every node mines each block together", "one", "two", "three", "four", "five"], seen);
    }

    [Fact]
    public void Each_block_has_the_fields_of_read_json()
    {
        using var page = Parse("1", "1");
        var block = page.RootElement.GetProperty("blocks")[0];
        var expected = FiveBlocks.Value.GetRange(1, 1)[0];

        var fields = block.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["version", "height", "timestamp", "previousHash", "dataHash", "bits", "nonce", "hash", "data", "target", "difficultyBits", "time"], fields);
        Assert.Equal(expected.Hash.ToHex(), block.GetProperty("hash").GetString());
        Assert.Equal(expected.Header.Nonce, block.GetProperty("nonce").GetUInt64());
    }

    [Fact]
    public void A_page_past_the_tip_is_empty()
    {
        using var page = Parse("9", null);

        Assert.Empty(Data(page));
        Assert.Equal(JsonValueKind.Null, page.RootElement.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData("-1", null, "from is a block height (0 or more), got '-1'")]
    [InlineData("ten", null, "from is a block height")]
    [InlineData(null, "0", "count is a number of blocks from 1 to 1000, got '0'")]
    [InlineData(null, "1001", "got '1001'")]
    [InlineData(null, "2.5", "got '2.5'")]
    public void A_bad_query_is_refused_saying_what_was_wrong(string? from, string? count, string message)
    {
        Assert.False(ChainPage.TryParse(from, count, out _, out var error));
        Assert.Contains(message, error);
    }

    private static JsonDocument Parse(string? from, string? count)
    {
        Assert.True(ChainPage.TryParse(from, count, out var page, out var error), error);
        return JsonDocument.Parse(page.Write(FiveBlocks.Value));
    }

    private static string[] Data(JsonDocument page) =>
        page.RootElement.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("data").GetString()!).ToArray();
}
