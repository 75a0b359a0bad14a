using System.Security.Cryptography;
using System.Text;

namespace Beamchain.Node.Chain;

/// <summary>
/// A request id's 32-bit key for <see cref="HeightTable"/>, kept in the block index so that
/// "which block answers this request" needs no request ids in memory: 0 for a block without
/// one, else the first bytes of the id's SHA-256 (never 0). A match is confirmed by reading the block.
/// </summary>
public static class RequestKey
{
    public static uint Of(string requestId)
    {
        if (requestId.Length == 0)
        {
            return 0;
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(requestId), digest);
        var key = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(digest);
        return key == 0 ? 1 : key;
    }
}
