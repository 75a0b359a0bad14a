using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;

namespace Beamchain.Node.Worker;

/// <summary>A range the gateway gave this worker, with the share target its shares must meet.</summary>
public sealed record WorkerWork(long Id, string JobId, NonceRange Range, Hash256 ShareTarget);
