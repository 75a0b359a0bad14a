using System.Globalization;
using System.Text;
using System.Text.Json;
using Beamchain.Node.Chain;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;

namespace Beamchain.Node.Web;

/// <summary>
/// The JSON document the dashboard renders (one Server-Sent Event each): the node, the chain's
/// latest blocks, members and what each one's miners reported, the gateway's volunteers, and the
/// series its two charts draw. A pure function of what it is given, so it is tested without a
/// cluster. Block data is cut to <see cref="DataPreviewChars"/> characters (a block may carry
/// 64 KiB; <c>/api/chain</c> has it whole) and volunteers to the <see cref="MaxVolunteers"/> fastest,
/// so a document stays a few kilobytes however busy the node is. Volunteers' addresses are left
/// out: the page is public.
/// </summary>
public static class DashboardDocument
{
    public const int DataPreviewChars = 120;
    public const int MaxVolunteers = 50;
    public const int ShownBlocks = 12;

    /// <param name="recentBlocks">the last blocks of the main chain, oldest first: the newest <see cref="ShownBlocks"/> are listed, all of them feed the block-time chart.</param>
    /// <param name="summaryOf">how a block was mined (time, rate, who solved it), when this node saw it announced.</param>
    public static string Write(NodeReading reading, IReadOnlyList<Block> recentBlocks, Func<ulong, JobSummary?> summaryOf, IReadOnlyList<RateSample> rates)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("at", reading.At.ToUnixTimeMilliseconds());
            json.WriteString("node", reading.Node);
            json.WriteString("address", reading.Address);
            json.WriteString("membership", reading.Membership);
            if (reading.Problem is { } problem)
            {
                json.WriteString("problem", problem);
            }
            else
            {
                json.WriteNull("problem");
            }

            WriteChain(json, reading, recentBlocks);
            WriteBlocks(json, recentBlocks, summaryOf);
            WriteMembers(json, reading);
            WriteGrid(json, reading);
            WriteRates(json, rates);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteChain(Utf8JsonWriter json, NodeReading reading, IReadOnlyList<Block> recentBlocks)
    {
        var tip = recentBlocks.Count > 0 ? recentBlocks[^1] : null;
        json.WriteStartObject("chain");
        json.WriteNumber("height", tip?.Height ?? 0);
        json.WriteString("tipHash", tip?.Hash.ToHex() ?? "");
        json.WriteNumber("difficultyBits", Math.Round(tip?.DifficultyBits ?? 0, 2));
        json.WriteNumber("queued", reading.Chain?.Pending.Count ?? 0);
        json.WriteString("chainGrainOn", reading.Chain?.Host ?? "");
        json.WriteEndObject();

        json.WriteStartObject("job");
        if (reading.Job is { JobId.Length: > 0 } job)
        {
            json.WriteNumber("height", job.Height);
            json.WriteNumber("seconds", Math.Round(job.Seconds, 2));
            json.WriteNumber("issued", job.Issued);
            json.WriteNumber("completed", job.Completed);
            json.WriteNumber("openLeases", job.OpenLeases);
        }

        json.WriteNumber("clusterRate", reading.Job?.ClusterRate ?? 0);
        json.WriteString("dispenserOn", reading.Job?.Host ?? "");
        json.WriteEndObject();
    }

    private static void WriteBlocks(Utf8JsonWriter json, IReadOnlyList<Block> recentBlocks, Func<ulong, JobSummary?> summaryOf)
    {
        json.WriteStartArray("blocks");
        foreach (var block in recentBlocks.Reverse().Take(ShownBlocks))
        {
            json.WriteStartObject();
            json.WriteNumber("height", block.Height);
            json.WriteString("time", DateTimeOffset.FromUnixTimeMilliseconds(block.TimestampMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("hash", block.Hash.ToHex());
            json.WriteNumber("difficultyBits", Math.Round(block.DifficultyBits, 2));
            json.WriteString("data", Preview(block.Data));
            json.WriteNumber("dataBytes", Encoding.UTF8.GetByteCount(block.Data));
            if (summaryOf(block.Height) is { } summary)
            {
                json.WriteNumber("seconds", Math.Round(summary.Seconds, 3));
                json.WriteNumber("rate", summary.Rate);
                json.WriteString("solvedBy", summary.SolvedBy);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();

        // The block-time chart: only blocks this node saw mined (a synced block carries no time of its own).
        json.WriteStartArray("blockTimes");
        foreach (var block in recentBlocks)
        {
            if (block.Height > 0 && summaryOf(block.Height) is { } summary)
            {
                json.WriteStartObject();
                json.WriteNumber("height", block.Height);
                json.WriteNumber("seconds", Math.Round(summary.Seconds, 3));
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    /// <summary>The first <see cref="DataPreviewChars"/> characters, never cutting a surrogate pair in two.</summary>
    internal static string Preview(string data)
    {
        if (data.Length <= DataPreviewChars)
        {
            return data;
        }

        var cut = char.IsHighSurrogate(data[DataPreviewChars - 1]) ? DataPreviewChars - 1 : DataPreviewChars;
        return data[..cut] + "…";
    }

    /// <summary>
    /// One row per node: its name and address (joined through the names members gossip), the
    /// rates its miners reported to the dispenser (its devices and its gateway, <c>name/grid</c>)
    /// and its open leases. A node the dispenser heard from that is not (or no longer) a member
    /// gets a row without an address, so no reported rate goes unshown.
    /// </summary>
    private static void WriteMembers(Utf8JsonWriter json, NodeReading reading)
    {
        var rates = reading.Job?.MinerRates.ToArray() ?? [];
        var open = reading.Job?.OpenByNode.ToArray() ?? [];
        var named = reading.Members.Where(m => m.Name.Length > 0).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var rows = reading.Members
            .Concat(rates.Select(r => NodeOf(r.Node)).Where(n => !named.Contains(n)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(n => new NamedMember("", n)))
            .ToArray();

        json.WriteStartArray("members");
        foreach (var member in rows)
        {
            bool Ours(string node) => member.Name.Length > 0 && NodeOf(node) == member.Name;
            var devices = rates.Where(r => Ours(r.Node)).OrderBy(r => r.Node, StringComparer.Ordinal).ThenBy(r => r.Miner, StringComparer.Ordinal).ToArray();
            var leases = open.Where(n => Ours(n.Node)).ToArray();
            json.WriteStartObject();
            json.WriteString("name", member.Name);
            json.WriteString("address", member.Address);
            json.WriteBoolean("self", member.Address.Length > 0 && member.Address == reading.Address);
            json.WriteNumber("rate", devices.Sum(r => r.Rate));
            json.WriteNumber("openLeases", leases.Sum(n => (long)n.Leases));
            json.WriteNumber("leasedNonces", leases.Aggregate(0UL, (sum, n) => sum + n.Nonces));
            json.WriteStartArray("devices");
            foreach (var miner in devices)
            {
                json.WriteStartObject();
                json.WriteString("name", miner.Miner);
                json.WriteNumber("rate", miner.Rate);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("devices");
        foreach (var miner in reading.Miners)
        {
            json.WriteStartObject();
            json.WriteString("name", miner.Name);
            json.WriteString("kind", miner.Kind.ToString());
            json.WriteNumber("rate", miner.Rate);
            json.WriteNumber("hashed", miner.Hashed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The node a miner reports for: a gateway leases as <c>name/grid</c>.</summary>
    private static string NodeOf(string reporter) => reporter.IndexOf('/') is > 0 and var slash ? reporter[..slash] : reporter;

    private static void WriteGrid(Utf8JsonWriter json, NodeReading reading)
    {
        var grid = reading.Grid;
        json.WriteStartObject("grid");
        json.WriteString("miner", grid.Miner);
        json.WriteNumber("volunteers", grid.Clients.Count);
        json.WriteNumber("verifiedRate", grid.VerifiedRate);
        json.WriteNumber("accepted", grid.Accepted);
        json.WriteNumber("rejected", grid.Rejected.Values.Aggregate(0UL, (sum, n) => sum + n));
        json.WriteNumber("blocks", grid.Blocks);
        json.WriteStartArray("clients");
        foreach (var client in grid.Clients.OrderByDescending(c => c.VerifiedRate).ThenBy(c => c.Session, StringComparer.Ordinal).Take(MaxVolunteers))
        {
            json.WriteStartObject();
            json.WriteString("session", client.Session[..Math.Min(8, client.Session.Length)]);
            json.WriteString("engine", client.Engine);
            json.WriteNumber("verifiedRate", client.VerifiedRate);
            json.WriteNumber("accepted", client.Accepted);
            json.WriteNumber("rejected", client.Rejected);
            json.WriteNumber("seconds", Math.Round(client.Seconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRates(Utf8JsonWriter json, IReadOnlyList<RateSample> rates)
    {
        json.WriteStartArray("rates");
        foreach (var sample in rates)
        {
            json.WriteStartObject();
            json.WriteNumber("at", sample.At.ToUnixTimeMilliseconds());
            json.WriteNumber("cluster", sample.Cluster);
            json.WriteNumber("grid", sample.Grid);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
