using System.Text;
using Beamchain.Kernels.Header;

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

        return FromDigest(Hash256.Of(Encoding.UTF8.GetBytes(requestId)));
    }

    /// <summary>The key of a non-empty request id whose UTF-8 bytes have SHA-256 <paramref name="digest"/>.</summary>
    public static uint FromDigest(Hash256 digest) => digest.Word(0) == 0 ? 1 : digest.Word(0);
}
