using System.Text.Json;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grid;
using Beamchain.Node.Status;

namespace Beamchain.Node.Tests.Status;

public sealed class StatusDocumentTests
{
    private static readonly StatusDocument Sample = new(
        StatusDocument.CurrentVersion,
        "node-a",
        "127.0.0.1:4020",
        "member-1",
        0,
        "membership: seed",
        ["127.0.0.1:4020", "127.0.0.1:4021"],
        [new DeviceReport("cpu0", "cpu", 2_500_000, 1234, 0.25, "job-1")],
        new ClockReport(-1.5, 3),
        new ChainReport(7, "00ab", [new QueuedRequest("r-1", 4)], "127.0.0.1:4021"),
        new ReplicaReport(6, "00cd"),
        new StoreReport("/data/node-a", Failed: false),
        new DispenserReport("127.0.0.1:4020", 5_000_000),
        new JobReport("job-1", "r-1", 8, 1.5, 100, 60, 2, 3, 0, [new NonceCount("node-a", 60)], [new NonceCount("node-b", 40)]),
        new GatewayReport("ws://127.0.0.1:9000/", new GridStatus("node-a/grid", "job-1", 1e6, 5, 1, new Dictionary<string, ulong> { ["stale"] = 2 }, 1, 1, 0, 0, [])))
    {
        MemberNames = [new NamedMember("127.0.0.1:4020", "node-a"), new NamedMember("127.0.0.1:4021", "")],
    };

    [Fact]
    public void The_json_names_are_the_documented_camel_case_ones_on_one_line()
    {
        var json = JsonSerializer.Serialize(Sample, StatusJsonContext.Default.StatusDocument);

        Assert.DoesNotContain('\n', json);
        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        Assert.Equal(
            ["version", "node", "address", "memberId", "rejoins", "membership", "members", "devices", "clock", "chain", "replica", "store", "dispenser", "job", "gateway", "memberNames"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["address", "name"], root.GetProperty("memberNames")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name", "kind", "hashesPerSecond", "hashed", "idleShare", "jobId"], root.GetProperty("devices")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["offsetSeconds", "clocks"], root.GetProperty("clock").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["height", "tipHash", "queue", "host"], root.GetProperty("chain").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["requestId", "sequence"], root.GetProperty("chain").GetProperty("queue")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["height", "tipHash"], root.GetProperty("replica").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["directory", "failed"], root.GetProperty("store").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["host", "clusterHashesPerSecond"], root.GetProperty("dispenser").EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["jobId", "requestId", "height", "seconds", "issued", "completed", "openLeases", "reissued", "duplicated", "hashedByNode", "openByNode"],
            root.GetProperty("job").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["node", "nonces"], root.GetProperty("job").GetProperty("openByNode")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["address", "grid"], root.GetProperty("gateway").EnumerateObject().Select(p => p.Name));
        Assert.Equal(2UL, root.GetProperty("gateway").GetProperty("grid").GetProperty("rejected").GetProperty("stale").GetUInt64());
    }

    [Fact]
    public void A_document_reads_back_equal_field_by_field()
    {
        var json = JsonSerializer.Serialize(Sample, StatusJsonContext.Default.StatusDocument);

        var back = JsonSerializer.Deserialize(json, StatusJsonContext.Default.StatusDocument)!;

        Assert.Equal(Sample.Members, back.Members);
        Assert.Equal(Sample.Devices, back.Devices);
        Assert.Equal(Sample.Chain.Queue, back.Chain.Queue);
        Assert.Equal(Sample.Job!.OpenByNode, back.Job!.OpenByNode);
        Assert.Equal(Sample.Replica, back.Replica);
        Assert.Equal(Sample.MemberNames, back.MemberNames);
        Assert.Equal(Sample.Gateway!.Grid.Rejected, back.Gateway!.Grid.Rejected);
    }

    [Fact]
    public void An_idle_node_without_clock_or_gateway_writes_nulls_for_them()
    {
        var idle = Sample with { Clock = null, Job = null, Gateway = null };

        using var parsed = JsonDocument.Parse(JsonSerializer.Serialize(idle, StatusJsonContext.Default.StatusDocument));

        Assert.Equal(JsonValueKind.Null, parsed.RootElement.GetProperty("job").ValueKind);
        Assert.Equal(JsonValueKind.Null, parsed.RootElement.GetProperty("clock").ValueKind);
        Assert.Equal(JsonValueKind.Null, parsed.RootElement.GetProperty("gateway").ValueKind);
    }

    [Fact]
    public void The_text_says_what_the_document_holds()
    {
        var lines = StatusText.Lines(Sample).ToArray();

        Assert.Equal("node node-a at 127.0.0.1:4020; membership: seed", lines[0]);
        Assert.Equal("members (2): 127.0.0.1:4020 (node-a), 127.0.0.1:4021", lines[1]); // a name not yet gossiped: the address alone
        Assert.StartsWith("device cpu0 (cpu): 2.50 MH/s, 1234 nonces hashed", lines[2], StringComparison.Ordinal);
        Assert.Contains("clock: this node's clock is 1.5s behind the median of 3 members' clocks", lines);
        Assert.Contains("chain: tip block 7 00ab; 1 request(s) queued; chain grain on 127.0.0.1:4021", lines);
        Assert.Contains("store: 6 block(s) above genesis in /data/node-a (writable)", lines);
        Assert.Contains("job job-1 (block 8): 1.5 s, 60 of 100 issued nonces done, 2 open lease(s), re-issued 3, duplicated 0", lines);
        Assert.Contains("  per node: node-a 60", lines);
        Assert.Contains("  open leases: node-b 40", lines);
        Assert.Contains("cluster rate: 5.00 MH/s; dispenser on 127.0.0.1:4020", lines);
        Assert.Contains(lines, l => l.StartsWith("grid gateway ws://127.0.0.1:9000/ (mines as node-a/grid): 0 volunteer(s)", StringComparison.Ordinal) && l.Contains("rejected: stale 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_job_the_text_says_the_queue_is_empty()
    {
        var lines = StatusText.Lines(Sample with { Job = null, Store = new StoreReport("/d", Failed: true) }).ToArray();

        Assert.Contains("no job: the queue is empty", lines);
        Assert.Contains("store: 6 block(s) above genesis in /d (cannot be written: this node is leaving)", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("job ", StringComparison.Ordinal));
    }
}
