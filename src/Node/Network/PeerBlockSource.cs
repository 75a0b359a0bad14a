using Beamchain.Node.Chain;
using Proto;

namespace Beamchain.Node.Network;

/// <summary>A peer's chain replica as a <see cref="IBlockSource"/>: asks it for blocks with <see cref="ReadBlocks"/>.</summary>
public sealed class PeerBlockSource(ISenderContext sender, string address, TimeSpan timeout) : IBlockSource
{
    private readonly PID _replica = PID.FromAddress(address, ChainReplica.Name);

    public string Name => address;

    public async Task<IReadOnlyList<Block>> ReadAsync(ulong from, int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var list = await sender.RequestAsync<BlockList>(_replica, new ReadBlocks { FromHeight = from, Count = count }, deadline.Token);
        var blocks = new List<Block>(list.Blocks.Count);
        foreach (var wire in list.Blocks)
        {
            if (!wire.TryToBlock(out var block, out var error))
            {
                throw new InvalidDataException(error);
            }

            blocks.Add(block);
        }

        return blocks;
    }
}
