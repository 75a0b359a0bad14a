using Beamchain.Node.Chain;

namespace Beamchain.Node.Tests.Chain;

public class BlockTests
{
    [Fact]
    public void Data_of_exactly_64_KiB_is_accepted()
    {
        Assert.True(Block.TryCheckData(new string('a', 65536), out _));
    }

    [Fact]
    public void Data_over_64_KiB_is_refused_with_a_message_naming_the_limit()
    {
        var error = Assert.Throws<ArgumentException>(() => Block.Create(Genesis.Header, new string('a', 65537)));

        Assert.Contains("65537 bytes", error.Message);
        Assert.Contains("65536 bytes (64 KiB)", error.Message);
    }

    [Fact]
    public void The_limit_counts_utf8_bytes_not_characters()
    {
        // 'é' is two bytes in UTF-8: 32769 of them are 65538 bytes.
        Assert.True(Block.TryCheckData(new string('é', 32768), out _));
        Assert.False(Block.TryCheckData(new string('é', 32769), out var error));
        Assert.Contains("65538 bytes", error);
    }

    [Fact]
    public void Data_with_a_lone_surrogate_is_refused()
    {
        Assert.False(Block.TryCheckData("bad \ud800 text", out var error));
        Assert.Contains("surrogate", error);
    }

    [Fact]
    public void Hash_is_the_headers_hash()
    {
        var block = TestMiner.Child(Genesis.Block, "hash me");

        Assert.Equal(block.Header.Hash(), block.Hash);
    }

    [Fact]
    public void A_block_read_as_utf8_bytes_shows_the_same_text_and_checks_its_data_against_its_header()
    {
        var mined = TestMiner.Child(Genesis.Block, "déjà vu");

        Assert.True(Block.TryCreate(mined.Header, null, "déjà vu"u8, "r1", out var read, out _));
        Assert.True(Block.TryCreate(mined.Header, null, "deja vu"u8, "r1", out var altered, out _));

        Assert.Equal("déjà vu", read.Data);
        Assert.Equal(mined.Hash, read.Hash);
        Assert.True(read.DataMatchesHeader);
        Assert.False(altered.DataMatchesHeader);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_or_encode_a_surrogate_are_refused()
    {
        Assert.False(Block.TryCreate(Genesis.Header, null, [0x61, 0xff], "", out _, out var error));
        Assert.Contains("UTF-8", error);
        Assert.False(Block.TryCreate(Genesis.Header, null, [0xed, 0xa0, 0x80], "", out _, out _)); // U+D800 encoded
    }
}
