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
        var lease = dispenser.Lease(new LeaseRequest { JobId = "job", Node = "n", Miner = "m", Count = 10, LeaseMs = 100 });

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
        var lease = dispenser.Lease(new LeaseRequest { Node = "n", Miner = "m", Count = 10, LeaseMs = 100, Rate = 1000 });

        var (_, solved) = dispenser.Report(new LeaseReport { JobId = "job", LeaseId = lease.LeaseId, Hashed = 4, HandedBack = true, Node = "n", Found = { 2 } });

        Assert.NotNull(solved);
        Assert.Equal(2UL, solved.Header.Nonce);
        Assert.Equal(4UL, solved.Figures.Completed);
        Assert.False(dispenser.Lease(new LeaseRequest { JobId = "job", Node = "n", Miner = "m", Count = 10, LeaseMs = 100 }).HasLease);
        Assert.Equal(1000, dispenser.ClusterRate);
    }
}
