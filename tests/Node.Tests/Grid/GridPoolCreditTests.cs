using System.Net;
using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Beamchain.Node.Grid;
using Beamchain.Node.Mining;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Grid;

/// <summary>
/// What the gateway tells the dispenser about its volunteers' works: a finished work is counted
/// on the next tick even while the rest of its lease is still being hashed, so a block found
/// meanwhile by another member still credits it.
/// </summary>
public class GridPoolCreditTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_finished_work_of_an_unfinished_lease_is_reported_as_progress_on_the_next_tick()
    {
        var (pool, client, peer) = OneVolunteer();
        var works = LeaseOfTwoWorks(pool, peer, leaseId: 7);

        pool.Done(client, "2", works[0].Id, works[0].Range.Count);
        Assert.Empty(pool.TakeReports()); // batched: one report per lease a tick, not one per work
        pool.Tick();

        var progress = Assert.Single(pool.TakeReports());
        Assert.True(progress.InProgress);
        Assert.Equal(7UL, progress.LeaseId);
        Assert.Equal("gw/grid", progress.Node);
        var done = Assert.Single(progress.Done);
        Assert.Equal((works[0].Range.Start, works[0].Range.Count), (done.Start, done.Count));
        pool.Tick();
        Assert.Empty(pool.TakeReports()); // nothing new finished: nothing sent
    }

    [Fact]
    public void The_lease_finished_is_reported_whole_and_its_unsent_progress_is_not_sent_as_well()
    {
        var (pool, client, peer) = OneVolunteer();
        var works = LeaseOfTwoWorks(pool, peer, leaseId: 7);

        pool.Done(client, "2", works[0].Id, works[0].Range.Count);
        pool.Done(client, "3", works[1].Id, works[1].Range.Count);
        pool.Tick();

        var complete = Assert.Single(pool.TakeReports());
        Assert.False(complete.InProgress);
        Assert.False(complete.HandedBack);
        Assert.Equal(7UL, complete.LeaseId);
    }

    [Fact]
    public void Progress_and_the_whole_lease_credit_each_nonce_once_at_the_dispenser()
    {
        var (pool, client, peer) = OneVolunteer();
        var dispenser = new Dispenser(_time);
        dispenser.Start(Job());
        var request = pool.NextLeaseRequest()!;
        request.Count = 2 * 65536; // both works from one lease
        var (reply, _) = dispenser.Lease(request);
        pool.OnLeaseReply(reply);
        var works = peer.Works;

        pool.Done(client, "2", works[0].Id, works[0].Range.Count);
        pool.Tick();
        Assert.All(pool.TakeReports(), r => Assert.Equal(ReportOutcome.ReportAccepted, dispenser.Report(r).Reply.Outcome));
        Assert.Equal(works[0].Range.Count, dispenser.CurrentFigures!.HashesPerNode["gw/grid"]);

        pool.Done(client, "3", works[1].Id, works[1].Range.Count);
        Assert.All(pool.TakeReports(), r => Assert.Equal(ReportOutcome.ReportAccepted, dispenser.Report(r).Reply.Outcome));
        var figures = dispenser.CurrentFigures!;
        Assert.Equal(2 * 65536UL, figures.HashesPerNode["gw/grid"]);
        Assert.Equal(2 * 65536UL, figures.Completed);
        Assert.Equal(0UL, figures.Duplicated);
    }

    private (GridPool Pool, GridClient Client, RecordingPeer Peer) OneVolunteer()
    {
        var pool = new GridPool("gw/grid", GridNode.Settings, _time, new Random(1), _ => { });
        var peer = new RecordingPeer();
        var client = pool.Open(IPAddress.Loopback, peer);
        pool.Hello(client, "1", "test", null);
        return (pool, client, peer);
    }

    /// <summary>One lease from the dispenser holding both of the volunteer's outstanding works (65,536 nonces each at the tests' initial rate).</summary>
    private IReadOnlyList<TestWork> LeaseOfTwoWorks(GridPool pool, RecordingPeer peer, ulong leaseId)
    {
        Assert.NotNull(pool.NextLeaseRequest());
        pool.OnLeaseReply(new LeaseReply { Job = Job(), HasLease = true, LeaseId = leaseId, Start = 0, Count = 2 * 65536 });
        var works = peer.Works;
        Assert.Equal(2, works.Count);
        Assert.Equal(works[0].Range.End, works[1].Range.Start);
        return works;
    }

    // A block target no test share meets: only finished works move the figures.
    private static MiningJob Job() => Dispenser.CreateJob("job-1", Genesis.Block.Header with { Height = 1 }, CompactTarget.Decode(0x1d00ffff));
}
