using Beamchain.Node.Grains;
using Beamchain.Node.Mining;

namespace Beamchain.Node.Tests.Grains;

/// <summary>The dispenser as the chain grain's job driver sees it, without a cluster: records the jobs started, answers status as told, or stays silent.</summary>
internal sealed class ScriptedDispenser : IDispenserClient
{
    public List<StartJob> Started { get; } = [];

    /// <summary>What a status request answers; null answers nothing (a <see cref="TimeoutException"/>, as from a dispenser that is moving).</summary>
    public DispenserStatus? Status { get; set; } = new();

    /// <summary>When true, job starts get no answer.</summary>
    public bool Silent { get; set; }

    public Task<StartJobAck> StartJobAsync(StartJob start, CancellationToken cancellationToken)
    {
        if (Silent)
        {
            return Task.FromException<StartJobAck>(new TimeoutException("no answer"));
        }

        Started.Add(start);
        Status = new DispenserStatus { JobId = start.JobId, RequestId = start.RequestId, Height = Beamchain.Kernels.Header.BlockHeader.Decode(start.Header.Span).Height };
        return Task.FromResult(new StartJobAck());
    }

    public Task<DispenserStatus> StatusAsync(CancellationToken cancellationToken) =>
        Status is { } status ? Task.FromResult(status) : Task.FromException<DispenserStatus>(new TimeoutException("no answer"));

    public Task<LeaseReply> RequestLeaseAsync(LeaseRequest request, CancellationToken cancellationToken) => Task.FromResult(new LeaseReply());

    public Task<LeaseReportReply> ReportAsync(LeaseReport report, CancellationToken cancellationToken) => Task.FromResult(new LeaseReportReply());
}
