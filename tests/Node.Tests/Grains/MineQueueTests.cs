using Beamchain.Node.Grains;

namespace Beamchain.Node.Tests.Grains;

public class MineQueueTests
{
    private static MineRequest Request(string id, ulong sequence = 0) => new() { RequestId = id, Data = id, Sequence = sequence };

    [Fact]
    public void Queued_requests_get_increasing_sequence_numbers_after_the_restored_ones()
    {
        var queue = new MineQueue([Request("a", 7)]);

        queue.Enqueue(Request("b"));
        queue.Enqueue(Request("c"));

        Assert.Equal([7UL, 8UL, 9UL], queue.Requests.Select(r => r.Sequence));
    }

    [Fact]
    public void A_recovered_queue_merges_every_copy_in_sequence_order_without_duplicates()
    {
        // One member missed the last update, another the first: together they hold everything.
        MineRequest[] stale = [Request("a", 1), Request("b", 2)];
        MineRequest[] fresh = [Request("b", 2), Request("c", 3)];

        var queue = MineQueue.Recover(fresh.Concat(stale), _ => false);

        Assert.Equal(["a", "b", "c"], queue.Requests.Select(r => r.RequestId));
    }

    [Fact]
    public void A_recovered_queue_drops_requests_the_chain_already_answers()
    {
        var queue = MineQueue.Recover([Request("a", 1), Request("b", 2), Request("c", 3)], id => id == "a" || id == "b");

        Assert.Equal(["c"], queue.Requests.Select(r => r.RequestId));
    }

    [Fact]
    public void A_mined_head_is_dropped_before_it_is_mined_again()
    {
        var queue = new MineQueue([Request("a", 1), Request("b", 2)]);

        Assert.Equal(1, queue.DropMinedHead(id => id == "a"));
        Assert.Equal("b", queue.Head!.RequestId);
    }
}
