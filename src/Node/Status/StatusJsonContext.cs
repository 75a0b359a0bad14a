using System.Text.Json.Serialization;

namespace Beamchain.Node.Status;

/// <summary>The status document's JSON: camelCase names, generated at build time; one line, so a reader can take it from a line-oriented stream.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(StatusDocument))]
public sealed partial class StatusJsonContext : JsonSerializerContext;
