using Beamchain.Kernels.Header;

namespace Beamchain.Kernels.Search;

/// <summary>What to search: a header (its nonce is ignored) and the target a hash must not exceed.</summary>
public sealed record SearchJob(BlockHeader Template, Hash256 Target);

/// <summary>Nonces <c>[Start, Start + Count)</c>; may cross 2^32, never wraps past 2^64.</summary>
public readonly record struct NonceRange(ulong Start, ulong Count)
{
    public ulong End => Start + Count;
}

/// <summary>How many nonces were hashed (fewer than asked when cancelled) and the qualifying ones found, ascending.</summary>
public sealed record SearchResult(ulong Hashed, IReadOnlyList<ulong> Found)
{
    /// <summary>A search reports at most this many qualifying nonces; more are never needed for one block.</summary>
    public const int MaxFound = 16;
}

public enum DeviceKind
{
    Cpu,
    Cuda,
    OpenCl,
}

/// <summary>
/// Hashes nonce ranges of a job on one device. Search blocks the calling thread; when
/// <paramref name="cancellationToken"/> fires it returns within about 50 ms with what it hashed.
/// </summary>
public interface INonceSearcher : IDisposable
{
    string Name { get; }

    DeviceKind Kind { get; }

    SearchResult Search(SearchJob job, NonceRange range, CancellationToken cancellationToken);
}
