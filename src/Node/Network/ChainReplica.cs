using Beamchain.Node.Chain;
using Proto;

namespace Beamchain.Node.Network;

/// <summary>
/// A node's own copy of the chain (its <see cref="ChainState"/> over its store): stores and
/// prints each announced block, fetching missing parents from the announcer first; serves
/// <c>read</c> and peers' block requests; keeps the node's copy of the pending queue.
/// Local to each node, under the well-known name <see cref="Name"/>.
/// </summary>
public sealed class ChainReplica(ChainState chain, PendingRequestStore pending, TextWriter output, Action<Block, BlockAnnounced> stored) : IActor
{
    public const string Name = "replica";

    // A peer is asked for at most this many blocks per request while catching up.
    private const int SyncBatch = 500;

    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(5);

    public Task ReceiveAsync(IContext context) => context.Message switch
    {
        BlockAnnounced announced => OnBlockAnnouncedAsync(context, announced),
        ReadBlocks read => OnReadBlocks(context, read),
        PendingQueue queue => OnPendingQueue(context, queue),
        _ => Task.CompletedTask,
    };

    private async Task OnBlockAnnouncedAsync(IContext context, BlockAnnounced announced)
    {
        if (!announced.Block.TryToBlock(out var block, out var error))
        {
            output.WriteLine($"refused a block from {announced.SourceAddress}: {error}");
            context.Respond(new BlockStored { Stored = false, Message = error });
            return;
        }

        var update = chain.TryAppend(block);
        if (update.Outcome == ChainUpdateOutcome.UnknownParent && announced.SourceAddress.Length > 0)
        {
            update = await CatchUpAsync(context, announced.SourceAddress, block);
        }

        if (update.Changed)
        {
            foreach (var added in update.Added)
            {
                output.WriteLine($"new block {added.Height} {added.Hash} \"{added.Data}\"");
            }

            if (announced.Summary is { } summary)
            {
                output.WriteLine(summary.Describe(block.Height));
            }

            if (announced.RequestId.Length > 0)
            {
                pending.Remove(announced.RequestId);
            }

            stored(block, announced);
        }
        else if (update.Outcome != ChainUpdateOutcome.AlreadyKnown)
        {
            output.WriteLine($"refused block {block.Height} {block.Hash}: {update.Message}");
        }

        context.Respond(new BlockStored { Stored = update.Changed || update.Outcome == ChainUpdateOutcome.AlreadyKnown, Message = update.Message });
    }

    /// <summary>Fetches the blocks between this node's tip and <paramref name="block"/> from the announcer, then offers them together.</summary>
    private async Task<ChainUpdate> CatchUpAsync(IContext context, string sourceAddress, Block block)
    {
        var source = PID.FromAddress(sourceAddress, Name);
        var missing = new List<Block>();
        var from = chain.Height + 1;
        try
        {
            while (from < block.Height)
            {
                var count = (int)Math.Min((ulong)SyncBatch, block.Height - from);
                var list = await context.RequestAsync<BlockList>(source, new ReadBlocks { FromHeight = from, Count = count }, PeerTimeout);
                if (list.Blocks.Count == 0)
                {
                    break;
                }

                foreach (var wire in list.Blocks)
                {
                    if (!wire.TryToBlock(out var fetched, out var error))
                    {
                        return new ChainUpdate(ChainUpdateOutcome.Rejected, $"peer {sourceAddress} sent a malformed block: {error}");
                    }

                    missing.Add(fetched);
                }

                from += (ulong)list.Blocks.Count;
            }
        }
        catch (Exception e) when (e is TimeoutException or DeadLetterException)
        {
            return new ChainUpdate(ChainUpdateOutcome.UnknownParent, $"could not fetch missing blocks from {sourceAddress}: {e.Message}");
        }

        missing.Add(block);
        return chain.TryAdopt(missing);
    }

    private Task OnReadBlocks(IContext context, ReadBlocks read)
    {
        var reply = new BlockList();
        reply.Blocks.AddRange(chain.GetRange(read.FromHeight, Math.Max(0, read.Count)).Select(WireBlock.From));
        context.Respond(reply);
        return Task.CompletedTask;
    }

    private Task OnPendingQueue(IContext context, PendingQueue queue)
    {
        pending.Save(queue);
        context.Respond(new PendingQueueStored { Node = context.System.Address });
        return Task.CompletedTask;
    }
}
