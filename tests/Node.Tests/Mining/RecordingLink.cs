using Beamchain.Node.Mining;

namespace Beamchain.Node.Tests.Mining;

/// <summary>The dispenser without a cluster: miners call it directly; every lease it issues is recorded.</summary>
internal sealed class RecordingLink(Dispenser dispenser) : IDispenserLink
{
    private readonly Lock _gate = new();
    private readonly List<(string Miner, ulong Count)> _leases = [];

    public List<Miner> Miners { get; } = [];

    public TaskCompletionSource<Solve> Solved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IEnumerable<(string Miner, ulong Count)> LeasesOf(string miner)
    {
        lock (_gate)
        {
            return _leases.Where(l => l.Miner == miner).ToArray();
        }
    }

    public Task<LeaseReply> RequestLeaseAsync(LeaseRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var (reply, _) = dispenser.Lease(request);
            if (reply.HasLease)
            {
                _leases.Add((request.Miner, reply.Count));
            }

            return Task.FromResult(reply);
        }
    }

    public Task<LeaseReportReply> ReportAsync(LeaseReport report, CancellationToken cancellationToken)
    {
        SolvedJob? solved;
        LeaseReportReply reply;
        IReadOnlyList<Lease> open;
        lock (_gate)
        {
            (reply, solved) = dispenser.Report(report);
            open = dispenser.OpenLeases.ToArray();
        }

        if (solved is not null)
        {
            Solved.TrySetResult(new Solve(solved, open));
            foreach (var miner in Miners)
            {
                miner.OnJobEnded(solved.JobId);
            }
        }

        return Task.FromResult(reply);
    }
}
