using System.Globalization;
using System.Text;
using System.Text.Json;
using Beamchain.Node.Chain;
using Beamchain.Node.Shell;

namespace Beamchain.Node.Web;

/// <summary>
/// <c>GET /api/chain?from=F&amp;count=N</c>: up to <see cref="MaxCount"/> main-chain blocks from height
/// F, each with the fields of <c>read --json</c> (<see cref="BlockJson"/>). Without <c>from</c> the
/// last N blocks; N defaults to <see cref="DefaultCount"/>. The answer also says the tip's height
/// and where the next page starts (null at the tip), so a program pages through the chain with
/// <c>from = next</c>.
/// </summary>
public sealed record ChainPage(ulong? From, int Count)
{
    public const int DefaultCount = 20;
    public const int MaxCount = 1000;

    /// <summary>Reads the query's <c>from</c> and <c>count</c>; false with a sentence saying what was wrong.</summary>
    public static bool TryParse(string? from, string? count, out ChainPage page, out string error)
    {
        page = new ChainPage(null, DefaultCount);
        error = "";
        ulong? start = null;
        if (from is not null)
        {
            if (!ulong.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var height))
            {
                error = $"from is a block height (0 or more), got '{Cut(from)}'";
                return false;
            }

            start = height;
        }

        var blocks = DefaultCount;
        if (count is not null && (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out blocks) || blocks is < 1 or > MaxCount))
        {
            error = $"count is a number of blocks from 1 to {MaxCount}, got '{Cut(count)}'";
            return false;
        }

        page = new ChainPage(start, blocks);
        return true;
    }

    /// <summary>The page as JSON: <c>{"tip": H, "from": F, "next": F+n or null, "blocks": [...]}</c>.</summary>
    public string Write(ChainState chain)
    {
        // One tip for the whole answer, however the chain moves meanwhile.
        var tip = chain.Tip.Height;
        var from = From ?? (tip + 1 > (ulong)Count ? tip + 1 - (ulong)Count : 0);
        var blocks = from > tip ? [] : chain.GetRange(from, (int)Math.Min((ulong)Count, tip - from + 1));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("tip", tip);
            json.WriteNumber("from", from);
            var next = from + (ulong)blocks.Count;
            if (blocks.Count > 0 && next <= tip)
            {
                json.WriteNumber("next", next);
            }
            else
            {
                json.WriteNull("next");
            }

            json.WriteStartArray("blocks");
            foreach (var block in blocks)
            {
                BlockJson.WriteBlock(json, block);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
