using Beamchain.Kernels.Search;

namespace Beamchain.Node.Grid;

/// <summary>A finished work to re-hash natively: every nonce of <see cref="Range"/> meeting the share target must be among <see cref="Reported"/>.</summary>
public sealed record AuditRequest(GridClient Client, long WorkId, string JobId, SearchJob Job, NonceRange Range, IReadOnlySet<ulong> Reported);
