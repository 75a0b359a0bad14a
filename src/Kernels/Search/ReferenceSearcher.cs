using System.Buffers.Binary;
using System.Security.Cryptography;
using Beamchain.Kernels.Header;

namespace Beamchain.Kernels.Search;

/// <summary>
/// The plain loop every searcher must agree with: for each nonce, write it into the 96 header
/// bytes and hash them whole with System.Security.Cryptography. Slow (one core, no midstate);
/// it is the specification, for tests and for checking a few nonces.
/// </summary>
public sealed class ReferenceSearcher : INonceSearcher
{
    public string Name => "reference loop (System.Security.Cryptography, one core)";

    public DeviceKind Kind => DeviceKind.Cpu;

    public SearchResult Search(SearchJob job, NonceRange range, CancellationToken cancellationToken)
    {
        range.EnsureValid();
        Span<byte> header = stackalloc byte[BlockHeader.Size];
        job.Template.WriteTo(header);
        Span<byte> digest = stackalloc byte[Hash256.Size];
        var found = new List<ulong>();
        ulong hashed = 0;
        for (; hashed < range.Count; hashed++)
        {
            if ((hashed & 0x3ff) == 0 && cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var nonce = range.Start + hashed;
            BinaryPrimitives.WriteUInt64BigEndian(header[BlockHeader.NonceOffset..], nonce);
            SHA256.HashData(header, digest);
            if (Hash256.FromBytes(digest) <= job.Target && found.Count < SearchResult.MaxFound)
            {
                found.Add(nonce);
            }
        }

        return new SearchResult(hashed, found);
    }

    public void Dispose()
    {
    }
}
