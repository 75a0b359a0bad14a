using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Beamchain.Node.Chain;

namespace Beamchain.Node.Shell;

/// <summary>
/// Blocks as JSON with every header field, so each hash can be recomputed with any SHA-256
/// tool and the README's header table: hashes as hex, integers as JSON numbers (exact, also
/// above 2^53), data as text. <c>target</c>, <c>difficultyBits</c> and <c>time</c> are derived,
/// for convenience. The whole answer is one line, so a program can take it from standard output
/// among the lines a mining node prints.
/// </summary>
public static class BlockJson
{
    // Block data is shown as the text it is rather than \u escapes; the output is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, IEnumerable<Block> blocks)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("blocks");
            var written = 0;
            foreach (var block in blocks)
            {
                WriteBlock(json, block);

                // Passed on every so often, so a long chain is never held as text either.
                if (++written % 1000 == 0)
                {
                    json.Flush();
                    output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                    buffer.SetLength(0);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>One block's object, the fields listed above; <c>/api/chain</c> writes the same.</summary>
    public static void WriteBlock(Utf8JsonWriter json, Block block)
    {
        var header = block.Header;
        json.WriteStartObject();
        json.WriteNumber("version", header.Version);
        json.WriteNumber("height", header.Height);
        json.WriteNumber("timestamp", header.TimestampMs);
        json.WriteString("previousHash", header.PreviousHash.ToHex());
        json.WriteString("dataHash", header.DataHash.ToHex());
        json.WriteNumber("bits", header.Bits);
        json.WriteNumber("nonce", header.Nonce);
        json.WriteString("hash", block.Hash.ToHex());
        json.WriteString("data", block.Data);
        json.WriteString("target", block.Target.ToHex());
        json.WriteNumber("difficultyBits", Math.Round(block.DifficultyBits, 4));
        json.WriteString("time", DateTimeOffset.FromUnixTimeMilliseconds(header.TimestampMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }
}
