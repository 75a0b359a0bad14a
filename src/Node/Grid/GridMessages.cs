using System.Buffers;
using System.Text.Json;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;

namespace Beamchain.Node.Grid;

/// <summary>The JSON-RPC 2.0 frames the gateway sends (README, "The protocol"), as UTF-8 bytes.</summary>
public static class GridMessages
{
    public static string Hex64(ulong value) => value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public static string Hex(Hash256 value) => value.ToHex().ToLowerInvariant();

    public static byte[] Result(string idJson, Action<Utf8JsonWriter> writeResult) => Frame(w =>
    {
        w.WriteString("jsonrpc", "2.0");
        w.WritePropertyName("id");
        w.WriteRawValue(idJson);
        w.WritePropertyName("result");
        writeResult(w);
    });

    public static byte[] True(string idJson) => Result(idJson, w => w.WriteBooleanValue(true));

    /// <summary>An error answering a request, or (<paramref name="idJson"/> null) one sent before the socket closes.</summary>
    public static byte[] Error(string? idJson, GridError error) => Frame(w =>
    {
        w.WriteString("jsonrpc", "2.0");
        w.WritePropertyName("id");
        if (idJson is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(idJson);
        }

        w.WriteStartObject("error");
        w.WriteNumber("code", (int)error.Code);
        w.WriteString("message", error.Name);
        w.WriteString("data", error.Reason);
        w.WriteEndObject();
    });

    /// <summary>hello's answer: the session, the protocol version, and the message budget the volunteer must stay within (<see cref="GridSettings.MessagesPerSecond"/>).</summary>
    public static byte[] Hello(string idJson, string session, double messagesPerSecond, int burst) => Result(idJson, w =>
    {
        w.WriteStartObject();
        w.WriteString("session", session);
        w.WriteNumber("protocol", 1);
        w.WriteStartObject("limits");
        w.WriteNumber("messagesPerSecond", messagesPerSecond);
        w.WriteNumber("burst", burst);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] Submitted(string idJson, bool block) => Result(idJson, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("accepted", true);
        w.WriteBoolean("block", block);
        w.WriteEndObject();
    });

    public static byte[] Job(string jobId, string headerHex, Hash256 shareTarget, bool clean) => Notification("job", w =>
    {
        w.WriteString("job", jobId);
        w.WriteString("header", headerHex);
        w.WriteString("shareTarget", Hex(shareTarget));
        w.WriteBoolean("clean", clean);
    });

    public static byte[] Target(Hash256 shareTarget) => Notification("target", w => w.WriteString("shareTarget", Hex(shareTarget)));

    public static byte[] Work(long workId, string jobId, NonceRange range, Hash256 shareTarget) => Notification("work", w =>
    {
        w.WriteNumber("work", workId);
        w.WriteString("job", jobId);
        w.WriteString("start", Hex64(range.Start));
        w.WriteNumber("count", range.Count);
        w.WriteString("shareTarget", Hex(shareTarget));
    });

    public static byte[] Stop(string jobId, string reason) => Notification("stop", w =>
    {
        w.WriteString("job", jobId);
        w.WriteString("reason", reason);
    });

    private static byte[] Notification(string method, Action<Utf8JsonWriter> writeParams) => Frame(w =>
    {
        w.WriteString("jsonrpc", "2.0");
        w.WriteString("method", method);
        w.WriteStartObject("params");
        writeParams(w);
        w.WriteEndObject();
    });

    private static byte[] Frame(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
