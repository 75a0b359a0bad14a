namespace Beamchain.Node.Mining;

/// <summary>
/// This node's lease counts, as its miners and its gateway saw the dispenser's answers: leases
/// issued to them, how many of those were ranges issued again (expired or handed back by their
/// first holder), and how many the dispenser said had expired when they reported them. Counted
/// here rather than in the dispenser grain so the totals only ever rise, wherever the grain
/// runs and however often it moves; the cluster's figures are the sum over its members.
/// </summary>
public sealed class LeaseTally
{
    private long _issued;
    private long _reissued;
    private long _expired;

    public long Issued => Interlocked.Read(ref _issued);

    public long Reissued => Interlocked.Read(ref _reissued);

    public long Expired => Interlocked.Read(ref _expired);

    public void Count(LeaseReply reply)
    {
        if (reply.HasLease)
        {
            Interlocked.Increment(ref _issued);
            if (reply.Reissued)
            {
                Interlocked.Increment(ref _reissued);
            }
        }
    }

    public void Count(LeaseReportReply reply)
    {
        if (reply.Outcome == ReportOutcome.ReportExpired)
        {
            Interlocked.Increment(ref _expired);
        }
    }
}
