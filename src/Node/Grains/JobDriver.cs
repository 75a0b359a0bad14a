using Beamchain.Kernels.Header;
using Beamchain.Node.Chain;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Grains;

/// <summary>
/// The chain grain's decisions, without the actor: the queue of <c>mine</c> requests, which
/// request is mined now, the job handed to the dispenser for it (through <see cref="IDispenserClient"/>),
/// and whether a solution answers it. The grain routes messages here and does what the returned
/// <see cref="JobStep"/> says; replicating the queue and storing blocks stay with the grain, which
/// talks to the replicas.
/// </summary>
public sealed class JobDriver(ChainState chain, IDispenserClient dispenser, ILogger log, StoreFailure? storeFailure = null)
{
    // Job ids differ between activations, so a miner never mistakes a fresh template for an old one.
    private readonly string _activation = Guid.NewGuid().ToString("N")[..8];

    private MineQueue _queue = new([]);
    private string? _jobId;
    private int _jobCounter;

    public MineQueue Queue => _queue;

    /// <summary>The job handed to the dispenser and not yet solved; null when none runs.</summary>
    public string? CurrentJobId => _jobId;

    /// <summary>Starts from every member's copy of the queue (see <see cref="MineQueue.Recover"/>).</summary>
    public void Recover(IEnumerable<MineRequest> copies) => _queue = MineQueue.Recover(copies, IsMined);

    /// <summary>
    /// The answer to <paramref name="request"/> when it is not to be queued: bad data, a failed
    /// store, already in a block, or already queued (the same request asked again after its first
    /// answer was lost: it was confirmed on two members when it was queued, so it keeps its place
    /// and a failure to store the queue now cannot take it back); null when it is to be queued.
    /// </summary>
    public MineAccepted? AnswerWithoutQueueing(MineRequest request)
    {
        if (!Block.TryCheckData(request.Data, out var error))
        {
            return new MineAccepted { RequestId = request.RequestId, Error = error };
        }

        if (storeFailure?.HasFailed == true)
        {
            return new MineAccepted { RequestId = request.RequestId, Error = "the chain grain's host cannot write its store and is leaving the cluster; try again in a few seconds" };
        }

        if (IsMined(request.RequestId))
        {
            return new MineAccepted { RequestId = request.RequestId, Place = 0 };
        }

        return _queue.PlaceOf(request.RequestId) is > 0 and var place ? new MineAccepted { RequestId = request.RequestId, Place = place } : null;
    }

    /// <summary>Queues <paramref name="request"/>; returns its place (1 = mined now).</summary>
    public int Enqueue(MineRequest request) => _queue.Enqueue(request);

    /// <summary>Takes back a request whose queue could not be stored durably.</summary>
    public void Withdraw(string requestId) => _queue.Remove(requestId);

    /// <summary>
    /// Hands the head of the queue to the dispenser as a job, unless a job runs, the queue is
    /// empty or this host cannot store blocks. A grain just activated first asks whether the
    /// dispenser already mines the head on this tip (the grain moved, the dispenser did not),
    /// and keeps that job and its work.
    /// </summary>
    public async Task<JobStep> StartNextAsync()
    {
        _queue.DropMinedHead(IsMined);
        if (_jobId is not null || _queue.Head is not { } head || storeFailure?.HasFailed == true)
        {
            // A host that cannot store blocks mines none: the grain re-activates elsewhere once the host has left.
            return JobStep.Idle;
        }

        var tip = chain.Tip;
        if (_jobCounter == 0 && await RunningJobAsync(tip.Height + 1, head.RequestId) is { } running)
        {
            _jobId = running;
            _jobCounter++;
            log.LogInformation($"chain: the dispenser is already mining {running}; carrying on with it");
            return JobStep.Watch(running);
        }

        // The dispenser replaces the bits with the target it picks for the cluster's rate.
        var template = chain.CreateTemplate(head.Data, tip.Header.Bits);
        var jobId = $"{template.Height}-{head.RequestId}-{_activation}-{++_jobCounter}";
        var start = new StartJob { JobId = jobId, Header = ByteString.CopyFrom(template.ToBytes()), Parent = WireBlock.From(tip), RequestId = head.RequestId };
        _jobId = jobId;
        try
        {
            await dispenser.StartJobAsync(start, CancellationToken.None);
            return JobStep.Watch(jobId);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            log.LogWarning($"chain: the dispenser did not take job {jobId} ({e.GetType().Name}); retrying");
            _jobId = null;
            return JobStep.Retry;
        }
    }

    /// <summary>
    /// Is <paramref name="jobId"/> still the dispenser's job? A dispenser re-activated on another
    /// member (its host left or died) has none, and gets the job again as a fresh template.
    /// </summary>
    public async Task<JobStep> CheckAsync(string jobId)
    {
        if (_jobId != jobId)
        {
            return JobStep.Idle; // that job is over; its successor has its own checks
        }

        try
        {
            var status = await dispenser.StatusAsync(CancellationToken.None);
            if (status.JobId == jobId || _jobId != jobId)
            {
                return JobStep.Watch(jobId);
            }

            log.LogWarning($"chain: the dispenser on {status.Host} does not have job {jobId}; starting it again");
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            return JobStep.Watch(jobId); // the dispenser is moving: ask again
        }

        _jobId = null;
        return await StartNextAsync();
    }

    /// <summary>
    /// The block <paramref name="solved"/> makes for the head of the queue, to be stored and
    /// announced; null, with the refusal, when it does not answer the head on the tip (a stale
    /// job). A solution for a job this grain did not start is taken when it answers the head.
    /// </summary>
    public BlockAnnounced? Announcement(JobSolved solved, string sourceAddress, out string refusal)
    {
        refusal = "";
        _queue.DropMinedHead(IsMined);
        var header = solved.Header.Length == BlockHeader.Size ? BlockHeader.Decode(solved.Header.Span) : null;
        if (_queue.Head is not { } head || header is null || !Answers(header, head))
        {
            refusal = $"job {solved.JobId} is not the current job";
            return null;
        }

        return new BlockAnnounced
        {
            Block = new WireBlock { Header = solved.Header, Data = head.Data, RequestId = head.RequestId },
            Summary = solved.Summary,
            SourceAddress = sourceAddress,
        };
    }

    /// <summary>The job's block was stored (its request leaves the queue) or refused (the request is mined again); either way the job is over.</summary>
    public void Settle(JobSolved solved, BlockAnnounced announced, BlockStored stored)
    {
        _jobId = null;
        if (stored.Stored)
        {
            _queue.Remove(announced.Block.RequestId);
        }
        else
        {
            log.LogWarning($"chain: solution for job {solved.JobId} refused: {stored.Message}; mining the request again");
        }
    }

    public ChainStatus Status(string host)
    {
        var tip = chain.Tip;
        return new ChainStatus { Height = tip.Height, TipHash = tip.Hash.ToHex(), Pending = { _queue.Requests }, Host = host };
    }

    /// <summary>The dispenser's current job when it mines <paramref name="requestId"/> at <paramref name="height"/>; null when not, or when it does not answer.</summary>
    private async Task<string?> RunningJobAsync(ulong height, string requestId)
    {
        try
        {
            var status = await dispenser.StatusAsync(CancellationToken.None);
            return status.JobId.Length > 0 && status.Height == height && status.RequestId == requestId ? status.JobId : null;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="header"/> is a child of the tip holding <paramref name="head"/>'s data: the current job's block, whichever grain started it.</summary>
    private bool Answers(BlockHeader header, MineRequest head)
    {
        var tip = chain.Tip;
        return header.Height == tip.Height + 1 && header.PreviousHash == tip.Hash && header.DataHash == BlockHeader.HashData(head.Data);
    }

    private bool IsMined(string requestId) => chain.TryGetRequestHeight(requestId, out _);
}
