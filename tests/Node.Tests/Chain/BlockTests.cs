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
}
