using System.Buffers.Binary;
using System.Security.Cryptography;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;

namespace Beamchain.Node.Tests.Mining;

/// <summary>
/// The plainest correct searcher: one SHA-256 of the 96 header bytes per nonce. With a
/// slowdown of k it hashes every nonce k times, a device k times slower that still finds
/// exactly the same nonces.
/// </summary>
public sealed class TestSearcher(string name, int slowdown = 1) : INonceSearcher
{
    public string Name { get; } = name;

    public DeviceKind Kind => DeviceKind.Cpu;

    public SearchResult Search(SearchJob job, NonceRange range, CancellationToken cancellationToken)
    {
        Span<byte> header = stackalloc byte[BlockHeader.Size];
        Span<byte> digest = stackalloc byte[Hash256.Size];
        job.Template.WriteTo(header);
        var found = new List<ulong>();
        ulong hashed = 0;
        while (hashed < range.Count)
        {
            if ((hashed & 511) == 0 && cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var nonce = range.Start + hashed;
            BinaryPrimitives.WriteUInt64BigEndian(header[BlockHeader.NonceOffset..], nonce);
            for (var i = 0; i < slowdown; i++)
            {
                SHA256.HashData(header, digest);
            }

            if (found.Count < SearchResult.MaxFound && Hash256.FromBytes(digest) <= job.Target)
            {
                found.Add(nonce);
            }

            hashed++;
        }

        return new SearchResult(hashed, found);
    }

    public void Dispose()
    {
    }
}
