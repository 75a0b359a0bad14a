using System.Net;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;
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

    [Fact]
    public void Hellos_answer_states_the_message_budget_the_volunteer_must_keep()
    {
        var (_, _, peer) = OneVolunteer();

        var limits = peer.Frames.First(f => f.TryGetProperty("result", out var r) && r.TryGetProperty("session", out _)).GetProperty("result").GetProperty("limits");

        Assert.Equal(GridNode.Settings.MessagesPerSecond, limits.GetProperty("messagesPerSecond").GetDouble());
        Assert.Equal(GridNode.Settings.MessageBurst, limits.GetProperty("burst").GetInt32());
    }

    [Fact]
    public void An_audited_volunteers_progress_on_an_open_work_counts_on_the_next_tick_and_its_finish_counts_only_the_rest()
    {
        var (pool, client, peer) = OneVolunteer(audited: true);
        var dispenser = new Dispenser(_time);
        dispenser.Start(Job());
        var request = pool.NextLeaseRequest()!;
        request.Count = 3 * 65536; // a third work from the same lease follows the audited one
        var (reply, _) = dispenser.Lease(request);
        pool.OnLeaseReply(reply);
        var (first, open) = FinishAuditedThenStart(pool, client, peer, 1000);
        var reports = pool.TakeReports();
        Assert.All(reports, r => Assert.Equal(ReportOutcome.ReportAccepted, dispenser.Report(r).Reply.Outcome));
        var done = reports.SelectMany(r => r.Done).ToList();
        Assert.Contains(done, d => (d.Start, d.Count) == (open.Range.Start, 1000UL));
        Assert.Equal(first.Range.Count + 1000, dispenser.CurrentFigures!.HashesPerNode["gw/grid"]);

        pool.Done(client, "4", open.Id, open.Range.Count);
        pool.Tick();
        Assert.All(pool.TakeReports(), r => Assert.Equal(ReportOutcome.ReportAccepted, dispenser.Report(r).Reply.Outcome));
        var figures = dispenser.CurrentFigures!;
        Assert.Equal(first.Range.Count + open.Range.Count, figures.HashesPerNode["gw/grid"]);
        Assert.Equal(0UL, figures.Duplicated);
    }

    [Fact]
    public void An_unaudited_volunteers_progress_on_an_open_work_is_not_counted()
    {
        var (pool, client, peer) = OneVolunteer(audited: true);
        var works = LeaseOfTwoWorks(pool, peer, leaseId: 7);

        pool.Done(client, "2", works[0].Id, 1000); // no finished work yet, so no audit passed
        pool.Tick();

        Assert.Empty(pool.TakeReports());
    }

    [Fact]
    public void The_counted_part_of_an_expired_work_is_not_issued_again()
    {
        var (pool, client, peer) = OneVolunteer(audited: true);
        Assert.NotNull(pool.NextLeaseRequest());
        pool.OnLeaseReply(new LeaseReply { Job = Job(), HasLease = true, LeaseId = 7, Start = 0, Count = 4 * 65536 });
        var (_, stalled) = FinishAuditedThenStart(pool, client, peer, 1000);
        pool.TakeReports();

        _time.Advance(GridNode.Settings.WorkTime * LeaseBook.ExpiryFactor);
        pool.Tick();

        var again = peer.Works.Single(w => w.Range.Start >= stalled.Range.Start && w.Range.Start < stalled.Range.End && w.Id != stalled.Id);
        Assert.Equal(new NonceRange(stalled.Range.Start + 1000, stalled.Range.Count - 1000), again.Range);
    }

    /// <summary>
    /// The volunteer finishes its first work, passes that work's audit (its range holds no
    /// qualifying nonce), then reports <paramref name="hashed"/> nonces of its second work, and the pool ticks.
    /// </summary>
    private static (TestWork First, TestWork Open) FinishAuditedThenStart(GridPool pool, GridClient client, RecordingPeer peer, ulong hashed)
    {
        var first = peer.Works[0];
        pool.Done(client, "2", first.Id, first.Range.Count);
        Assert.True(pool.TryTakeAudit(out var audit));
        pool.OnAudited(audit, []);
        var open = peer.Works[1];
        pool.Done(client, "3", open.Id, hashed);
        pool.Tick();
        return (first, open);
    }

    private (GridPool Pool, GridClient Client, RecordingPeer Peer) OneVolunteer(bool audited = false)
    {
        // Audited: the first finished work is always audited (the tests' shared settings audit nothing).
        var settings = audited ? GridNode.Settings with { AuditTrustWorks = 8 } : GridNode.Settings;
        var pool = new GridPool("gw/grid", settings, _time, new Random(1), _ => { });
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
