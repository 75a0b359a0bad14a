using Beamchain.Node.Chain;
using Beamchain.Node.Shell;

namespace Beamchain.Node.Tests.Shell;

public class BlockTableTests
{
    [Fact]
    public void Shows_height_time_short_hash_bits_nonce_and_data()
    {
        var output = new StringWriter();

        BlockTable.Write(output, [Genesis.Block]);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["height", "time", "(UTC)", "hash", "bits", "nonce", "data"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["0", "2025-01-01", "00:00:00.000", Genesis.HashHex[..16], "16.0", "9675"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..6]);
        Assert.Contains("Beamchain genesis", lines[1]);
    }

    [Fact]
    public void Cuts_data_to_fit_the_width()
    {
        var output = new StringWriter();
        var block = Block.Create(Genesis.Header, new string('x', 500));

        BlockTable.Write(output, [block], width: 90);

        var row = output.ToString().Split(Environment.NewLine)[1];
        Assert.Equal(90, row.Length);
        Assert.EndsWith("x…", row);
    }

    [Fact]
    public void Shows_line_breaks_as_escapes_so_each_block_is_one_line()
    {
        Assert.Equal("one\\ntwo\\tthree", BlockTable.Fit("one\ntwo\tthree", 40));
    }

    [Fact]
    public void Never_splits_a_surrogate_pair()
    {
        var fitted = BlockTable.Fit("ab😀cdef", 4);

        Assert.Equal("ab…", fitted);
    }

    [Fact]
    public void Keeps_data_that_fits()
    {
        Assert.Equal("short", BlockTable.Fit("short", 5));
        Assert.Equal("shor…", BlockTable.Fit("shorter", 5));
    }
}
