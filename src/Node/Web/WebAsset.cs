namespace Beamchain.Node.Web;

/// <summary>One file of the web pages, as built into the node: its bytes and the Content-Type to serve them with.</summary>
public sealed record WebAsset(string Path, string ContentType, ReadOnlyMemory<byte> Content);
