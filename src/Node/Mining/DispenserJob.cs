using Beamchain.Kernels.Header;

namespace Beamchain.Node.Mining;

/// <summary>The dispenser's current job: its message, header and target, its lease book, and whether it is solved.</summary>
internal sealed class DispenserJob(MiningJob message, BlockHeader header, Hash256 target, LeaseBook book, long startedAt)
{
    public MiningJob Message { get; } = message;

    public BlockHeader Header { get; } = header;

    public Hash256 Target { get; } = target;

    public LeaseBook Book { get; } = book;

    public long StartedAt { get; } = startedAt;

    public bool Solved { get; set; }
}
