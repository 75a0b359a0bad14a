using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;

namespace Beamchain.Node.Mining;

/// <summary>
/// One device's mining loop: ask the dispenser for a lease sized by <see cref="LeaseSizer"/>,
/// hash it, report it, and keep the next lease already requested while the current one is
/// hashed so the device never waits on the network. When the job ends the search is
/// cancelled (the searcher returns within about 50 ms) and its range is dropped; when the
/// node stops, the unfinished part is handed back for immediate re-issue.
/// <para>
/// One concurrency model: the loop runs on its own task, and the job broadcasts
/// (<see cref="OnJobAnnounced"/>, <see cref="OnJobEnded"/>) and <see cref="Snapshot"/> come from
/// other threads; every field they share is guarded by one lock, held only for a few lines.
/// No actor sits in front of it.
/// </para>
/// </summary>
public sealed class Miner : IMiningLoop
{
    // Safety net for a missed JobAnnounced broadcast: an idle miner asks again this often.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    // Long enough that a searcher's per-call start-up is noise, short enough that a found block waits little.
    private static readonly TimeSpan SliceTime = TimeSpan.FromMilliseconds(20);
    private const ulong MinimumSlice = 4096;

    private readonly string _node;
    private readonly INonceSearcher _searcher;
    private readonly IDispenserLink _dispenser;
    private readonly LeaseSizer _sizer;
    private readonly TimeProvider _time;
    private readonly Action<string, ulong> _hashed;
    private readonly Action<string> _log;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly Queue<string> _endedJobs = new();
    private TaskCompletionSource _announced = NewSignal();
    private string? _jobId;
    private SearchJob? _job;
    private CancellationTokenSource _jobCancel = new();
    private NonceRange? _lease;
    private long? _lastHashEnd;
    private ulong _totalHashed;
    private TimeSpan _busy;
    private TimeSpan _active;

    public Miner(
        string node,
        INonceSearcher searcher,
        IDispenserLink dispenser,
        LeaseSizer sizer,
        TimeProvider time,
        Action<string, ulong> hashed,
        Action<string> log)
    {
        _node = node;
        _searcher = searcher;
        _dispenser = dispenser;
        _sizer = sizer;
        _time = time;
        _hashed = hashed;
        _log = log;
    }

    public string Name => $"{_node}/{_searcher.Name}";

    public MinerSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new MinerSnapshot(_searcher.Name, _searcher.Kind, _sizer.Rate, _jobId, _lease, _totalHashed, _busy, _active);
        }
    }

    /// <summary>A new job exists: wake the loop if it is idle.</summary>
    public void OnJobAnnounced()
    {
        lock (_gate)
        {
            _announced.TrySetResult();
        }
    }

    /// <summary>The job is over: drop its work now.</summary>
    public void OnJobEnded(string jobId)
    {
        lock (_gate)
        {
            _endedJobs.Enqueue(jobId);
            if (_endedJobs.Count > 64)
            {
                _endedJobs.Dequeue();
            }

            if (_jobId == jobId)
            {
                _jobCancel.Cancel();
            }
        }
    }

    /// <summary>
    /// Mines until <paramref name="stop"/>. One loop at a time: a node that joins the cluster
    /// again starts this miner on its new actor system, and that loop waits until the last one
    /// has handed back its lease.
    /// </summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await _running.WaitAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            await RunLoopAsync(stop);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Ask, take, hash, settle; the next lease is asked for ahead while one is hashed.</summary>
    private async Task RunLoopAsync(CancellationToken stop)
    {
        Task<LeaseReply>? prefetched = null;
        while (!stop.IsCancellationRequested)
        {
            var reply = await NextLeaseAsync(prefetched, stop);
            prefetched = null;
            if (reply is null || TakeLease(reply) is not { } lease)
            {
                continue;
            }

            // Prefetch: once the rate is known, the next lease is on its way while this one is hashed.
            // Not cancelled by a stop: a lease issued for it is then handed back, not left to expire.
            if (_sizer.Calibrated)
            {
                prefetched = AskAsync(CancellationToken.None);
            }

            var result = await HashAsync(lease, stop);
            if (!await SettleAsync(lease, result, stop))
            {
                break;
            }
        }

        await HandBackPrefetchedAsync(prefetched);
        lock (_gate)
        {
            _lease = null;
        }
    }

    /// <summary>
    /// The dispenser's answer to this miner's next ask (the one fetched ahead, when there is one),
    /// with its job adopted; null, after waiting for the next job announcement or a second, when
    /// it holds no lease or the ask failed, and at once when the node stops.
    /// </summary>
    private async Task<LeaseReply?> NextLeaseAsync(Task<LeaseReply>? prefetched, CancellationToken stop)
    {
        LeaseReply reply;
        try
        {
            reply = await (prefetched ?? AskAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            _log($"{Name}: lease request failed ({e.GetType().Name}: {e.Message}); retrying");
            await WaitForAnnouncementAsync(IdlePoll, stop);
            return null;
        }

        if (reply.Job is not null)
        {
            Adopt(reply.Job);
        }

        if (!reply.HasLease)
        {
            await WaitForAnnouncementAsync(IdlePoll, stop);
            return null;
        }

        return reply;
    }

    /// <summary>The lease in <paramref name="reply"/> with the job it belongs to; null when that job has already ended.</summary>
    private MinerLease? TakeLease(LeaseReply reply)
    {
        MinerLease lease;
        lock (_gate)
        {
            lease = new MinerLease(_jobId!, _job!, _jobCancel.Token, reply.LeaseId, new NonceRange(reply.Start, reply.Count));
            _lease = lease.Range;
        }

        return lease.JobEnded.IsCancellationRequested ? null : lease;
    }

    /// <summary>Hashes the lease until it is done, a solution turns up, its job ends or the node stops; the time taken feeds the rate.</summary>
    private async Task<SearchResult> HashAsync(MinerLease lease, CancellationToken stop)
    {
        using var searchCancel = CancellationTokenSource.CreateLinkedTokenSource(lease.JobEnded, stop);
        // A search blocks its thread for up to a lease time: on a thread of its own it never
        // starves the pool that the actors (and the other miners' network calls) run on.
        // Its duration is taken on that thread, so the rate is the device's, not the handoff's.
        var (result, elapsed) = await Task.Factory.StartNew(
            () => SearchInSlices(lease.Job, lease.Range, searchCancel.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Account(lease.JobId, result.Hashed, elapsed);
        return result;
    }

    /// <summary>
    /// Tells the dispenser how the lease ended: hashed (in full, or cut short by a solution) is
    /// reported; cut short by a stop it is handed back, and the loop ends (false); cut short
    /// because its job ended it is dropped.
    /// </summary>
    private async Task<bool> SettleAsync(MinerLease lease, SearchResult result, CancellationToken stop)
    {
        var cutShort = result.Hashed < lease.Range.Count;
        if (cutShort && stop.IsCancellationRequested && !lease.JobEnded.IsCancellationRequested)
        {
            await HandBackAsync(lease.JobId, lease.LeaseId, result.Hashed);
            return false;
        }

        if (cutShort && lease.JobEnded.IsCancellationRequested)
        {
            return true; // the job ended: its remaining nonces are worthless
        }

        // A lease cut short by a solution is reported at once; its unhashed rest goes back to the pool.
        var report = ReportAsync(new LeaseReport
        {
            JobId = lease.JobId,
            LeaseId = lease.LeaseId,
            Hashed = result.Hashed,
            HandedBack = cutShort,
            Node = _node,
            Found = { result.Found },
        });
        if (stop.IsCancellationRequested)
        {
            await report; // finished just as the node stops: the report goes out before it leaves
        }

        return true;
    }

    /// <summary>A lease fetched ahead but never started goes back whole, so it is issued again at once instead of expiring.</summary>
    private async Task HandBackPrefetchedAsync(Task<LeaseReply>? prefetched)
    {
        if (prefetched is null)
        {
            return;
        }

        try
        {
            var reply = await prefetched.WaitAsync(TimeSpan.FromSeconds(2), _time);
            string? jobId;
            lock (_gate)
            {
                jobId = reply.Job?.JobId ?? _jobId;
            }

            if (reply.HasLease && jobId is not null)
            {
                await HandBackAsync(jobId, reply.LeaseId, 0);
            }
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            // Not answered in time: that lease, if one was issued, expires and is issued again then.
            _log($"{Name}: the lease asked for ahead was not answered in time to hand it back ({e.GetType().Name})");
        }
    }

    /// <summary>
    /// Hashes the lease in slices of about <see cref="SliceTime"/> and stops at the first slice
    /// that finds a solution, so a block is reported within a slice rather than a whole lease.
    /// </summary>
    private (SearchResult Result, TimeSpan Elapsed) SearchInSlices(SearchJob job, NonceRange range, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var slice = _sizer.Calibrated ? (ulong)Math.Max(MinimumSlice, _sizer.Rate * SliceTime.TotalSeconds) : range.Count;
        var found = new List<ulong>();
        ulong hashed = 0;
        while (hashed < range.Count && found.Count == 0 && !cancellationToken.IsCancellationRequested)
        {
            var count = Math.Min(slice, range.Count - hashed);
            var part = _searcher.Search(job, new NonceRange(range.Start + hashed, count), cancellationToken);
            hashed += part.Hashed;
            found.AddRange(part.Found);
            if (part.Hashed < count)
            {
                break;
            }
        }

        return (new SearchResult(hashed, found), _time.GetElapsedTime(started));
    }

    private Task<LeaseReply> AskAsync(CancellationToken stop)
    {
        string? jobId;
        lock (_gate)
        {
            jobId = _jobId;
        }

        return _dispenser.RequestLeaseAsync(
            new LeaseRequest
            {
                JobId = jobId ?? "",
                Node = _node,
                Miner = _searcher.Name,
                Count = _sizer.NextCount(),
                LeaseMs = (uint)Math.Max(1, _sizer.LeaseTime.TotalMilliseconds),
                Rate = _sizer.Rate,
            },
            stop);
    }

    private void Adopt(MiningJob job)
    {
        lock (_gate)
        {
            if (job.JobId == _jobId)
            {
                return;
            }

            _jobCancel.Dispose();
            _jobCancel = new CancellationTokenSource();
            if (_endedJobs.Contains(job.JobId))
            {
                _jobCancel.Cancel();
            }

            _jobId = job.JobId;
            _job = new SearchJob(BlockHeader.Decode(job.Header.Span), Hash256.FromBytes(job.Target.Span));
            _lastHashEnd = null;
        }
    }

    private void Account(string jobId, ulong hashed, TimeSpan elapsed)
    {
        _sizer.Record(hashed, elapsed);
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            _totalHashed += hashed;
            _busy += elapsed;
            // Active time of a job runs from its first search to its latest; gaps between searches are idle.
            _active += _lastHashEnd is { } last ? _time.GetElapsedTime(last, now) : elapsed;
            _lastHashEnd = now;
            _lease = null;
        }

        if (hashed > 0)
        {
            _hashed(jobId, hashed);
        }
    }

    private async Task ReportAsync(LeaseReport report)
    {
        try
        {
            await _dispenser.ReportAsync(report, CancellationToken.None);
        }
        catch (Exception e)
        {
            _log($"{Name}: report on lease {report.LeaseId} failed ({e.GetType().Name}: {e.Message})");
        }
    }

    private async Task HandBackAsync(string jobId, ulong leaseId, ulong hashed)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
        try
        {
            var reply = await _dispenser.ReportAsync(
                new LeaseReport { JobId = jobId, LeaseId = leaseId, Hashed = hashed, HandedBack = true, Node = _node },
                timeout.Token);
            if (reply.Outcome != ReportOutcome.ReportAccepted)
            {
                _log($"{Name}: hand-back of lease {leaseId} of job {jobId} not taken ({reply.Outcome})");
            }
        }
        catch (Exception e)
        {
            // The lease then simply expires and is issued again.
            _log($"{Name}: hand-back of lease {leaseId} failed ({e.GetType().Name}: {e.Message})");
        }
    }

    private async Task WaitForAnnouncementAsync(TimeSpan timeout, CancellationToken stop)
    {
        Task signal;
        lock (_gate)
        {
            // An announcement that came while hashing is consumed at once: ask again now.
            if (_announced.Task.IsCompleted)
            {
                _announced = NewSignal();
                return;
            }

            signal = _announced.Task;
        }

        try
        {
            await signal.WaitAsync(timeout, _time, stop);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
