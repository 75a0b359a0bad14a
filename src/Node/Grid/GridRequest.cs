using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Beamchain.Node.Grid;

/// <summary>One JSON-RPC 2.0 request from a volunteer, read from one text frame.</summary>
public sealed record GridRequest(string IdJson, string Method, JsonElement Params)
{
    /// <summary>Reads a frame; on failure <paramref name="error"/> says why and <paramref name="idJson"/> is the id when one could be read.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> frame, [NotNullWhen(true)] out GridRequest? request, out string? idJson, [NotNullWhen(false)] out GridError? error)
    {
        request = null;
        idJson = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame);
        }
        catch (JsonException e)
        {
            error = new GridError(GridErrorCode.ParseError, $"the frame is not JSON: {e.Message}");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = new GridError(GridErrorCode.InvalidRequest, "a request is a JSON object");
                return false;
            }

            if (root.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.Number or JsonValueKind.String)
            {
                idJson = id.GetRawText();
            }

            if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
            {
                error = new GridError(GridErrorCode.InvalidRequest, "\"jsonrpc\" must be \"2.0\"");
                return false;
            }

            if (idJson is null)
            {
                error = new GridError(GridErrorCode.InvalidRequest, "a request needs an \"id\" (a number or a string)");
                return false;
            }

            if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
            {
                error = new GridError(GridErrorCode.InvalidRequest, "a request needs a \"method\" string");
                return false;
            }

            var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
            if (parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
            {
                error = new GridError(GridErrorCode.InvalidParams, "\"params\" must be an object");
                return false;
            }

            request = new GridRequest(idJson, method.GetString()!, parameters);
            error = null;
            return true;
        }
    }

    public bool TryGetString(string name, int maxLength, out string? value, [NotNullWhen(false)] out GridError? error)
    {
        value = null;
        error = null;
        if (Params.ValueKind != JsonValueKind.Object || !Params.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString()!.Length > maxLength)
        {
            error = new GridError(GridErrorCode.InvalidParams, $"\"{name}\" must be a string of at most {maxLength} characters");
            return false;
        }

        value = element.GetString();
        return true;
    }

    public bool TryGetWorkId(out long workId, [NotNullWhen(false)] out GridError? error)
    {
        workId = 0;
        error = null;
        if (Params.ValueKind == JsonValueKind.Object && Params.TryGetProperty("work", out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out workId))
        {
            return true;
        }

        error = new GridError(GridErrorCode.InvalidParams, "\"work\" must be the integer id of a work");
        return false;
    }

    public bool TryGetCount(string name, out ulong count, [NotNullWhen(false)] out GridError? error)
    {
        count = 0;
        error = null;
        if (Params.ValueKind == JsonValueKind.Object && Params.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetUInt64(out count))
        {
            return true;
        }

        error = new GridError(GridErrorCode.InvalidParams, $"\"{name}\" must be a non-negative integer");
        return false;
    }

    /// <summary>A 64-bit number written as exactly 16 hex digits (JavaScript numbers cannot hold 64 bits).</summary>
    public bool TryGetHex64(string name, out ulong value, [NotNullWhen(false)] out GridError? error)
    {
        value = 0;
        error = null;
        if (Params.ValueKind == JsonValueKind.Object && Params.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String
            && element.GetString() is { Length: 16 } text && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        error = new GridError(GridErrorCode.InvalidParams, $"\"{name}\" must be a string of exactly 16 hex digits");
        return false;
    }
}
