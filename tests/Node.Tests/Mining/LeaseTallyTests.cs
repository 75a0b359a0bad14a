using Beamchain.Node.Mining;

namespace Beamchain.Node.Tests.Mining;

public sealed class LeaseTallyTests
{
    [Fact]
    public void Counts_leases_issued_those_issued_again_and_reports_the_dispenser_found_expired()
    {
        var tally = new LeaseTally();

        tally.Count(new LeaseReply { HasLease = true });
        tally.Count(new LeaseReply { HasLease = true, Reissued = true });
        tally.Count(new LeaseReply()); // no job: no lease
        tally.Count(new LeaseReportReply { Outcome = ReportOutcome.ReportAccepted });
        tally.Count(new LeaseReportReply { Outcome = ReportOutcome.ReportExpired });
        tally.Count(new LeaseReportReply { Outcome = ReportOutcome.ReportJobOver });

        Assert.Equal((2, 1, 1), (tally.Issued, tally.Reissued, tally.Expired));
    }
}
