using Beamchain.Kernels.Search;

namespace Beamchain.Node.Tests.Mining;

/// <summary>Hashes like <see cref="TestSearcher"/> but never reports a solution, so a job stays open for as long as a test needs it.</summary>
public sealed class BlindSearcher(string name) : INonceSearcher
{
    private readonly TestSearcher _inner = new(name);

    public string Name => _inner.Name;

    public DeviceKind Kind => DeviceKind.Cpu;

    public SearchResult Search(SearchJob job, NonceRange range, CancellationToken cancellationToken) =>
        new(_inner.Search(job, range, cancellationToken).Hashed, []);

    public void Dispose() => _inner.Dispose();
}
