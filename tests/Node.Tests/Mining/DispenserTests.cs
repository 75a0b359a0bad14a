using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Beamchain.Node.Mining;
using Microsoft.Extensions.Time.Testing;

namespace Beamchain.Node.Tests.Mining;

public class DispenserTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_found_nonce_that_does_not_meet_the_target_is_not_a_solution()
    {
        var dispenser = new Dispenser(_time);
        var template = new BlockHeader(BlockHeader.CurrentVersion, 1, Genesis.TimestampMs, Genesis.Hash, BlockHeader.HashData("x"), Genesis.Bits, 0);
        dispenser.Start(Dispenser.CreateJob("job", template, Hash256.Zero)); // nothing hashes to zero
        var (lease, _) = dispenser.Lease(new LeaseRequest { JobId = "job", Node = "n", Miner = "m", Count = 10, LeaseMs = 100 });

        var (reply, solved) = dispenser.Report(new LeaseReport { JobId = "job", LeaseId = lease.LeaseId, Hashed = 10, Node = "n", Found = { 3 } });

        Assert.Equal(ReportOutcome.ReportAccepted, reply.Outcome);
        Assert.Null(solved);
        Assert.NotNull(dispenser.CurrentJob);
    }

    [Fact]
    public void A_verified_solution_ends_the_job_so_no_more_leases_are_issued()
    {
        var dispenser = new Dispenser(_time);
        var template = new BlockHeader(BlockHeader.CurrentVersion, 1, Genesis.TimestampMs, Genesis.Hash, BlockHeader.HashData("x"), Genesis.Bits, 0);
        dispenser.Start(Dispenser.CreateJob("job", template, Hash256.MaxValue)); // every hash qualifies
        var (lease, _) = dispenser.Lease(new LeaseRequest { Node = "n", Miner = "m", Count = 10, LeaseMs = 100, Rate = 1000 });

        var (_, solved) = dispenser.Report(new LeaseReport { JobId = "job", LeaseId = lease.LeaseId, Hashed = 4, HandedBack = true, Node = "n", Found = { 2 } });

        Assert.NotNull(solved);
        Assert.Equal(2UL, solved.Header.Nonce);
        Assert.Equal(4UL, solved.Figures.Completed);
        Assert.False(dispenser.Lease(new LeaseRequest { JobId = "job", Node = "n", Miner = "m", Count = 10, LeaseMs = 100 }).Reply.HasLease);
        Assert.Equal(1000, dispenser.ClusterRate);
    }

    [Fact]
    public void A_lease_of_an_expired_range_says_it_is_reissued_and_a_fresh_one_does_not()
    {
        var dispenser = new Dispenser(_time);
        var template = new BlockHeader(BlockHeader.CurrentVersion, 1, Genesis.TimestampMs, Genesis.Hash, BlockHeader.HashData("x"), Genesis.Bits, 0);
        dispenser.Start(Dispenser.CreateJob("one", template, Hash256.Zero));
        var (first, _) = dispenser.Lease(new LeaseRequest { JobId = "one", Node = "a", Miner = "m", Count = 10, LeaseMs = 100 });
        _time.Advance(TimeSpan.FromMilliseconds(100 * LeaseBook.ExpiryFactor));

        var (again, _) = dispenser.Lease(new LeaseRequest { JobId = "one", Node = "b", Miner = "m", Count = 10, LeaseMs = 100 });
        var (fresh, _) = dispenser.Lease(new LeaseRequest { JobId = "one", Node = "b", Miner = "m", Count = 10, LeaseMs = 100 });

        Assert.False(first.Reissued);
        Assert.Equal(0UL, again.Start); // the expired range, issued again
        Assert.True(again.Reissued);
        Assert.Equal(10UL, fresh.Start);
        Assert.False(fresh.Reissued);
    }

    [Fact]
    public void Recent_rates_are_per_miner_and_forget_miners_that_stopped_asking()
    {
        var dispenser = new Dispenser(_time);
        dispenser.Lease(new LeaseRequest { Node = "a", Miner = "cpu", Rate = 100 });
        _time.Advance(TimeSpan.FromSeconds(4));
        dispenser.Lease(new LeaseRequest { Node = "b", Miner = "cpu", Rate = 50 });
        dispenser.Lease(new LeaseRequest { Node = "b", Miner = "gpu", Rate = 900 });
        Assert.Equal(3, dispenser.RecentRates.Count);

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal([("b", "cpu", 50.0), ("b", "gpu", 900.0)], dispenser.RecentRates.OrderBy(r => r.Miner));
    }
}
