using System.Diagnostics.CodeAnalysis;
using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Google.Protobuf;

namespace Beamchain.Node.Grains;

public sealed partial class WireBlock
{
    public static WireBlock From(Block block) => new() { Header = ByteString.CopyFrom(block.Header.ToBytes()), Data = block.Data, RequestId = block.RequestId };

    /// <summary>The block this message carries; false, saying why, when a peer sent something malformed.</summary>
    public bool TryToBlock([NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out string? error)
    {
        block = null;
        if (Header.Length != BlockHeader.Size)
        {
            error = $"a block header is {BlockHeader.Size} bytes, got {Header.Length}";
            return false;
        }

        return Block.TryCreate(BlockHeader.Decode(Header.Span), Data, RequestId, out block, out error);
    }
}
