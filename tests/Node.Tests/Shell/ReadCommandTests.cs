using Beamchain.Node.Text;
using System.Text.Json;
using Beamchain.Node.Chain;
using Beamchain.Node.Shell;
using Beamchain.Node.Tests.Chain;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Shell;

public class ReadCommandTests
{
    private static readonly IReadOnlyList<Block> Three = TestMiner.Children(Genesis.Block, "a1", "a2", "a3");
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly ReadCommand _read;

    private readonly ChainState _chain;

    public ReadCommandTests()
    {
        _chain = new ChainState(new MemoryChainStore(), ChainRules.Default, new FakeTimeProvider(TestMiner.Now));
        _chain.TryAdopt(Three);
        _read = new ReadCommand(_chain);
    }

    [Fact]
    public async Task Without_arguments_a_short_chain_is_shown_whole_after_its_length()
    {
        Assert.Equal(CommandOutcome.Done, await Run(""));

        Assert.StartsWith("chain: 4 blocks (genesis to block 3)", _out.ToString());
        Assert.Equal(["0", "1", "2", "3"], DataRows().Skip(1).Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
    }

    [Fact]
    public async Task Without_arguments_a_long_chain_shows_its_last_page_and_its_length()
    {
        var paged = new ReadCommand(_chain, pageRows: 2);

        await paged.RunAsync("", new ShellConsole(new SharedWriter(_out), TestLog.To(_error)), CancellationToken.None);

        Assert.StartsWith("chain: 4 blocks (genesis to block 3); the last 2", _out.ToString());
        Assert.Equal(["2", "3"], DataRows().Skip(1).Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
    }

    [Fact]
    public async Task Json_without_a_range_is_the_whole_chain()
    {
        await Run("--json");

        var blocks = JsonDocument.Parse(_out.ToString()).RootElement.GetProperty("blocks");
        Assert.Equal([0UL, 1UL, 2UL, 3UL], blocks.EnumerateArray().Select(b => b.GetProperty("height").GetUInt64()));
    }

    [Fact]
    public async Task A_range_shows_count_blocks_from_a_height()
    {
        await Run("1 2");

        Assert.Equal(["1", "2"], DataRows().Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
    }

    [Fact]
    public async Task A_start_past_the_tip_says_where_the_tip_is()
    {
        Assert.Equal(CommandOutcome.Done, await Run("9"));

        Assert.Contains("no blocks from height 9: the tip is block 3", _out.ToString());
    }

    [Fact]
    public async Task Json_takes_a_range_too()
    {
        await Run("--json 2");

        var blocks = JsonDocument.Parse(_out.ToString()).RootElement.GetProperty("blocks");
        Assert.Equal([2UL, 3UL], blocks.EnumerateArray().Select(b => b.GetProperty("height").GetUInt64()));
        Assert.Equal("a2", blocks[0].GetProperty("data").GetString());
    }

    [Theory]
    [InlineData("x", "<from> is a block height")]
    [InlineData("-1", "unexpected '-1'")]
    [InlineData("1 0", "<count> is a number of blocks (1 or more)")]
    [InlineData("1 2 3", "unexpected '3'")]
    public async Task Bad_arguments_fail_with_the_usage(string arguments, string message)
    {
        Assert.Equal(CommandOutcome.Failed, await Run(arguments));

        Assert.Contains(message, _error.ToString());
        Assert.Contains("usage: read", _error.ToString());
        Assert.Equal("", _out.ToString());
    }

    private Task<CommandOutcome> Run(string arguments) => _read.RunAsync(arguments, new ShellConsole(new SharedWriter(_out), TestLog.To(_error)), CancellationToken.None);

    private IEnumerable<string> DataRows() => _out.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Skip(1);
}
