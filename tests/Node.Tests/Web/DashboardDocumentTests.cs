using System.Text.Json;
using Beamchain.Kernels.Search;
using Beamchain.Node.Chain;
using Beamchain.Node.Grid;
using Beamchain.Node.Mining;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Tests.Chain;
using Beamchain.Node.Web;

namespace Beamchain.Node.Tests.Web;

/// <summary>The document each dashboard push carries: what it shows, and what it leaves out so it stays small and public.</summary>
public sealed class DashboardDocumentTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
    private static readonly IReadOnlyList<Block> Blocks = [Genesis.Block, .. TestMiner.Children(Genesis.Block, "one", "two")];

    [Fact]
    public void Blocks_are_listed_newest_first_and_only_mined_ones_are_charted()
    {
        var summaries = new Dictionary<ulong, JobSummary> { [2] = new JobSummary { Seconds = 1.5, Rate = 2e6, SolvedBy = "b" } };
        using var document = Write(Reading(), summaries);

        var blocks = document.RootElement.GetProperty("blocks").EnumerateArray().ToArray();
        Assert.Equal([2UL, 1UL, 0UL], blocks.Select(b => b.GetProperty("height").GetUInt64()));
        Assert.Equal("b", blocks[0].GetProperty("solvedBy").GetString());
        Assert.False(blocks[1].TryGetProperty("seconds", out _)); // synced, not seen mined
        var charted = document.RootElement.GetProperty("blockTimes").EnumerateArray().Single();
        Assert.Equal((2UL, 1.5), (charted.GetProperty("height").GetUInt64(), charted.GetProperty("seconds").GetDouble()));
        Assert.Equal(2UL, document.RootElement.GetProperty("chain").GetProperty("height").GetUInt64());
    }

    [Fact]
    public void Each_member_is_one_row_with_its_name_address_rate_and_open_leases()
    {
        var job = new DispenserStatus { ClusterRate = 7.5e6 };
        job.MinerRates.Add(new MinerRate { Node = "b", Miner = "cpu", Rate = 1e6 });
        job.MinerRates.Add(new MinerRate { Node = "a", Miner = "cpu", Rate = 2e6 });
        job.MinerRates.Add(new MinerRate { Node = "a", Miner = "gpu", Rate = 4e6 });
        job.MinerRates.Add(new MinerRate { Node = "a/grid", Miner = "grid", Rate = 0.5e6 });
        job.OpenByNode.Add(new NodeNonces { Node = "a", Nonces = 3000, Leases = 2 });
        job.OpenByNode.Add(new NodeNonces { Node = "a/grid", Nonces = 500, Leases = 1 });
        job.OpenByNode.Add(new NodeNonces { Node = "b", Nonces = 100, Leases = 1 });
        using var document = Write(Reading() with { Job = job });

        var rows = document.RootElement.GetProperty("members").EnumerateArray()
            .Select(m => (m.GetProperty("name").GetString(), m.GetProperty("address").GetString(), m.GetProperty("self").GetBoolean(), m.GetProperty("rate").GetDouble(), m.GetProperty("openLeases").GetInt64(), m.GetProperty("leasedNonces").GetUInt64()))
            .ToArray();
        Assert.Equal([("a", "127.0.0.1:4000", true, 6.5e6, 3L, 3500UL), ("b", "127.0.0.1:4001", false, 1e6, 1L, 100UL), ("", "127.0.0.1:4002", false, 0, 0L, 0UL)], rows);
        var devices = document.RootElement.GetProperty("members")[0].GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("name").GetString());
        Assert.Equal(["cpu", "gpu", "grid"], devices);
    }

    [Fact]
    public void A_node_the_dispenser_heard_from_that_is_no_member_still_gets_a_row_without_an_address()
    {
        var job = new DispenserStatus();
        job.MinerRates.Add(new MinerRate { Node = "gone", Miner = "cpu", Rate = 1e6 });
        using var document = Write(Reading() with { Job = job });

        var gone = document.RootElement.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "gone");
        Assert.Equal("", gone.GetProperty("address").GetString());
        Assert.Equal(1e6, gone.GetProperty("rate").GetDouble());
    }

    [Fact]
    public void Volunteers_show_without_their_addresses_and_only_the_fastest_fifty()
    {
        var clients = Enumerable.Range(0, 60)
            .Select(i => new GridClientStatus($"{i:D4}session-id-0000000000000000000000", "0badc0de", "203.0.113.7", "browser", 10, VerifiedRate: i * 1000, 0, 5, 0, 2, 1, 0))
            .ToArray();
        var grid = Reading().Grid with { Clients = clients };
        var text = DashboardDocument.Write(Reading() with { Grid = grid }, Blocks, _ => null, []);
        using var document = JsonDocument.Parse(text);

        var shown = document.RootElement.GetProperty("grid").GetProperty("clients").EnumerateArray().ToArray();
        Assert.Equal(60, document.RootElement.GetProperty("grid").GetProperty("volunteers").GetInt32());
        Assert.Equal(DashboardDocument.MaxVolunteers, shown.Length);
        Assert.Equal("0059sess", shown[0].GetProperty("session").GetString());
        Assert.DoesNotContain("203.0.113.7", text);
    }

    [Fact]
    public void Long_block_data_is_cut_without_splitting_a_character()
    {
        var data = new string('a', DashboardDocument.DataPreviewChars - 1) + "😀 and more";

        var preview = DashboardDocument.Preview(data);

        Assert.Equal(new string('a', DashboardDocument.DataPreviewChars - 1) + "…", preview);
        Assert.Equal("short", DashboardDocument.Preview("short"));
    }

    [Fact]
    public void Silent_grains_are_said_on_the_page()
    {
        using var document = Write(Reading() with { Problem = "the chain and dispenser grains have not answered this node for 9 s" });

        Assert.Contains("9 s", document.RootElement.GetProperty("problem").GetString());
    }

    private static JsonDocument Write(NodeReading reading, IReadOnlyDictionary<ulong, JobSummary>? summaries = null) =>
        JsonDocument.Parse(DashboardDocument.Write(reading, Blocks, h => summaries?.GetValueOrDefault(h), [new RateSample(Now, 5e6, 1e6)]));

    private static NodeReading Reading() => new(
        Now,
        "a",
        "127.0.0.1:4000",
        "single node",
        [new NamedMember("127.0.0.1:4000", "a"), new NamedMember("127.0.0.1:4001", "b"), new NamedMember("127.0.0.1:4002", "")],
        [new MinerSnapshot("cpu0", DeviceKind.Cpu, 3e6, null, null, 100, TimeSpan.Zero, TimeSpan.Zero)],
        new GridStatus("a/grid", null, 0, 0, 0, new Dictionary<string, ulong>(), 0, 0, 0, 0, []),
        new ChainStatus { Height = 2 },
        new DispenserStatus(),
        Now,
        null);
}
