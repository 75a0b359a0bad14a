using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;
using Google.Protobuf;

namespace Beamchain.Node.Mining;

/// <summary>
/// The dispenser grain's logic: one job at a time, leased through a <see cref="LeaseBook"/>;
/// found nonces are verified (hash ≤ target) before the job is declared solved; the
/// cluster's rate is the sum of the rates its miners reported recently.
/// </summary>
public sealed class Dispenser(TimeProvider time)
{
    // A miner that has not asked for this long no longer counts towards the cluster's rate
    // (on the monotonic clock, so a step of the system clock neither drops nor keeps them all).
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);

    private readonly Dictionary<(string Node, string Miner), (double Rate, long At)> _rates = [];
    private DispenserJob? _job;

    public MiningJob? CurrentJob => _job is { Solved: false } job ? job.Message : null;

    public JobFigures? CurrentFigures => _job?.Book.Figures();

    public IReadOnlyCollection<Lease> OpenLeases => _job?.Book.OpenLeases ?? [];

    /// <summary>Sum of the rates miners reported within the last few seconds, nonces per second.</summary>
    public double ClusterRate
    {
        get
        {
            return _rates.Values.Where(r => time.GetElapsedTime(r.At) <= RateWindow).Sum(r => r.Rate);
        }
    }

    /// <summary>Each miner's rate as it reported it within the last few seconds, nonces per second.</summary>
    public IReadOnlyList<(string Node, string Miner, double Rate)> RecentRates
    {
        get
        {
            return _rates.Where(r => time.GetElapsedTime(r.Value.At) <= RateWindow).Select(r => (r.Key.Node, r.Key.Miner, r.Value.Rate)).ToArray();
        }
    }

    /// <summary>Starts <paramref name="job"/>, replacing any current one (whose work is dropped).</summary>
    public void Start(MiningJob job)
    {
        var header = BlockHeader.Decode(job.Header.Span);
        _job = new DispenserJob(job, header, Hash256.FromBytes(job.Target.Span), new LeaseBook(time), time.GetTimestamp());
    }

    /// <summary>Answers a miner: the current job when it differs from the asker's, and a lease (returned too) when a job runs.</summary>
    public (LeaseReply Reply, Lease? Lease) Lease(LeaseRequest request)
    {
        if (request.Rate > 0)
        {
            _rates[(request.Node, request.Miner)] = (request.Rate, time.GetTimestamp());
        }

        var reply = new LeaseReply();
        if (_job is not { Solved: false } job)
        {
            return (reply, null);
        }

        if (request.JobId != job.Message.JobId)
        {
            reply.Job = job.Message;
        }

        var leaseTime = TimeSpan.FromMilliseconds(Math.Max(1, request.LeaseMs));
        var lease = job.Book.Issue(request.Node, request.Miner, Math.Max(1, request.Count), leaseTime);
        reply.HasLease = true;
        reply.Reissued = lease.Reissued is not null;
        reply.LeaseId = lease.Id;
        reply.Start = lease.Range.Start;
        reply.Count = lease.Range.Count;
        return (reply, lease);
    }

    /// <summary>Books a finished or handed-back lease, or the finished parts of an open one; a verified solution in it ends the job and is returned.</summary>
    public (LeaseReportReply Reply, SolvedJob? Solved) Report(LeaseReport report)
    {
        if (_job is not { } job || report.JobId != job.Message.JobId || job.Solved)
        {
            return (new LeaseReportReply { Outcome = ReportOutcome.ReportJobOver }, null);
        }

        var outcome = report.InProgress ? job.Book.Progress(report.LeaseId, report.Done.Select(d => new NonceRange(d.Start, d.Count)))
            : report.HandedBack ? job.Book.HandBack(report.LeaseId, report.Hashed)
            : job.Book.Complete(report.LeaseId);
        var reply = new LeaseReportReply { Outcome = ToReport(outcome) };

        // A valid proof of work is a valid block whoever found it, even on an expired lease.
        foreach (var nonce in report.Found)
        {
            var solved = job.Header.WithNonce(nonce);
            if (solved.Hash() <= job.Target)
            {
                job.Solved = true;
                return (reply, new SolvedJob(job.Message.JobId, solved, report.Node, job.Book.Figures(), time.GetElapsedTime(job.StartedAt)));
            }
        }

        return (reply, null);
    }

    public static MiningJob CreateJob(string jobId, BlockHeader template, Hash256 target) => new()
    {
        JobId = jobId,
        Header = ByteString.CopyFrom(template.WithNonce(0).ToBytes()),
        Target = ByteString.CopyFrom(target.ToArray()),
    };

    private static ReportOutcome ToReport(LeaseOutcome outcome) => outcome switch
    {
        LeaseOutcome.Accepted => ReportOutcome.ReportAccepted,
        LeaseOutcome.Expired => ReportOutcome.ReportExpired,
        _ => ReportOutcome.ReportUnknown,
    };
}
