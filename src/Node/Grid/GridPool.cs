using System.Net;
using System.Security.Cryptography;
using Beamchain.Kernels.Header;
using Beamchain.Kernels.Search;
using Beamchain.Node.Mining;

namespace Beamchain.Node.Grid;

/// <summary>
/// The gateway's logic, one miner of the cluster on behalf of all its volunteers: it holds
/// leases from the dispenser sized from the sum of the volunteers' verified rates, carves
/// each into per-volunteer works with a <see cref="LeaseBook"/> (no work crosses a multiple of
/// 2^32), verifies every share, tunes each share target (<see cref="Vardiff"/>), picks finished
/// works to audit, and reports finished leases and solutions to the dispenser. Sockets and the
/// dispenser link call in from several threads; one lock guards all state, and nothing under it
/// waits: frames go to the peers' queues, reports and lease requests to <see cref="GridMiner"/>.
/// </summary>
public sealed class GridPool
{
    public const int OutstandingWorks = 2;

    // A volunteer whose shares dried up still gets work worth sending (its target eases meanwhile).
    private const ulong MinimumWork = 1 << 16;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    // A safety net for a missed JobAnnounced broadcast, as a device miner has.
    private static readonly TimeSpan NoJobPoll = TimeSpan.FromSeconds(1);

    private readonly GridSettings _settings;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, GridClient> _clients = [];
    private readonly List<HeldLease> _held = [];
    private readonly Queue<LeaseReport> _reports = new();
    private readonly Queue<AuditRequest> _audits = new();
    private readonly Dictionary<GridErrorCode, ulong> _rejected = [];
    private readonly ClientIds _clientIds = new();
    private TaskCompletionSource _wake = NewSignal();
    private MiningJob? _job;
    // The job before the current one (or the one just ended): its works stay known, so a late share is answered "stale".
    private string? _lastJobId;
    private BlockHeader? _header;
    private Hash256 _blockTarget;
    private JobMidstate? _midstate;
    private JobMidstate? _lastMidstate;
    private string _headerHex = "";
    private bool _leaseInFlight;
    private long? _noJobSince;
    private ulong _accepted;
    private ulong _blocks;
    private ulong _auditsPassed;
    private ulong _auditsFailed;
    private ulong _auditsSkipped;

    private readonly Action<string> _log;

    public GridPool(string miner, GridSettings settings, TimeProvider time, Random random, Action<string> log)
    {
        Miner = miner;
        _settings = settings;
        _time = time;
        _random = random;
        _log = log;
    }

    /// <summary>The name the dispenser knows this gateway by (its figures credit grid work to it).</summary>
    public string Miner { get; }

    public const int MaxQueuedAudits = 64;

    /// <summary>Completes when the lease loop has something to do (a lease wanted, a report to send); replaced each time it is taken.</summary>
    public Task WhenWanted
    {
        get
        {
            lock (_gate)
            {
                return _wake.Task;
            }
        }
    }

    public GridClient Open(IPAddress address, IGridPeer peer)
    {
        var now = _time.GetTimestamp();
        var client = new GridClient(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            address,
            _clientIds.Of(address),
            peer,
            // Two works are outstanding, each about a work time: a new target shows after both.
            new Vardiff(_settings.ShareInterval, _settings.WorkTime * OutstandingWorks, _settings.InitialRate, now),
            new VerifiedRate(_settings.RateWindow, _settings.ShareInterval, _time, now));
        lock (_gate)
        {
            _clients.Add(client.Session, client);
        }

        return client;
    }

    public void Hello(GridClient client, string idJson, string engine, string? token)
    {
        lock (_gate)
        {
            if (client.Gone)
            {
                return;
            }

            if (client.Greeted)
            {
                Refuse(client, idJson, new GridError(GridErrorCode.HelloFirst, "this session already said hello"));
                return;
            }

            if (_settings.Tokens.Count > 0 && (token is null || !_settings.Tokens.Any(t => CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(t), System.Text.Encoding.UTF8.GetBytes(token)))))
            {
                Drop(client, idJson, new GridError(GridErrorCode.Unauthorized, token is null ? "this gateway mines only for volunteers with a token: give one in hello's \"token\"" : "that token is not one this gateway's operator gave"));
                return;
            }

            client.Greeted = true;
            client.GreetedAt = _time.GetTimestamp();
            client.Engine = engine;
            client.Peer.Send(GridMessages.Hello(idJson, client.Session, _settings.MessagesPerSecond, _settings.MessageBurst));
            if (_job is { } job)
            {
                AnnounceJob(client, job);
            }

            GiveWork(client);
        }
    }

    public void Submit(GridClient client, string idJson, long workId, ulong nonce)
    {
        lock (_gate)
        {
            if (!TryFindWork(client, idJson, workId, isShare: true, out var work))
            {
                return;
            }

            var now = _time.GetTimestamp();

            if (_job is not { } job || work.JobId != job.JobId)
            {
                // Not forwarded; but a share of the job just ended still proves the volunteer's hashing,
                // and leaving it out would understate the rate of a slow volunteer on a busy cluster.
                if (work.JobId == _lastJobId && _lastMidstate is { } last && nonce >= work.Range.Start && nonce < work.Range.End
                    && !work.Shares.Contains(nonce) && last.HashOf(nonce) <= work.ShareTarget)
                {
                    work.Shares.Add(nonce);
                    client.Rate.Add(now, ShareTargets.ExpectedHashes(work.ShareTarget));
                }

                Refuse(client, idJson, isShare: true, error: new GridError(GridErrorCode.Stale, $"job {work.JobId} is over; the share is counted but not forwarded"));
                return;
            }

            if (nonce < work.Range.Start || nonce >= work.Range.End)
            {
                Refuse(client, idJson, isShare: true, error: new GridError(GridErrorCode.OutsideRange, $"nonce {GridMessages.Hex64(nonce)} is not in work {workId} [{GridMessages.Hex64(work.Range.Start)}, {GridMessages.Hex64(work.Range.End)})"));
                return;
            }

            if (work.Shares.Contains(nonce))
            {
                Refuse(client, idJson, isShare: true, error: new GridError(GridErrorCode.Duplicate, $"nonce {GridMessages.Hex64(nonce)} was already submitted"));
                return;
            }

            var hash = _midstate!.HashOf(nonce);
            if (hash > work.ShareTarget)
            {
                Refuse(client, idJson, isShare: true, error: new GridError(GridErrorCode.AboveTarget, $"nonce {GridMessages.Hex64(nonce)} hashes to {GridMessages.Hex(hash)}, above the work's share target {GridMessages.Hex(work.ShareTarget)}"));
                return;
            }

            work.Shares.Add(nonce);
            client.Accepted++;
            _accepted++;
            var shareHashes = ShareTargets.ExpectedHashes(work.ShareTarget);
            client.Rate.Add(now, shareHashes);
            var block = hash <= _blockTarget;
            if (block)
            {
                client.Blocks++;
                _blocks++;
                ReportSolution(work.Held, nonce);
            }

            client.Peer.Send(GridMessages.Submitted(idJson, block));
            if (client.Vardiff.OnShare(now, shareHashes, _blockTarget, _time))
            {
                AnnounceTarget(client);
            }
        }
    }

    public void Done(GridClient client, string idJson, long workId, ulong hashed)
    {
        lock (_gate)
        {
            if (!TryFindWork(client, idJson, workId, isShare: false, out var work))
            {
                return;
            }

            if (hashed > work.Range.Count)
            {
                Refuse(client, idJson, new GridError(GridErrorCode.InvalidParams, $"work {workId} has {work.Range.Count} nonces; hashed {hashed} is more"));
                return;
            }

            client.Peer.Send(GridMessages.True(idJson));
            if (hashed <= work.Hashed || work.Settled)
            {
                return;
            }

            work.Hashed = hashed;
            if (hashed < work.Range.Count || work.JobId != _job?.JobId)
            {
                return;
            }

            Finish(client, work);
            GiveWork(client);
        }
    }

    /// <summary>The socket closed (or the volunteer said stop): its open works go back whole, to be issued again at once.</summary>
    public void Leave(GridClient client)
    {
        lock (_gate)
        {
            if (!_clients.Remove(client.Session))
            {
                return;
            }

            client.Gone = true;
            // Whole: what a volunteer says it hashed is a claim, and a leaving one's unfinished work is not audited.
            foreach (var work in client.Works.Values.Where(w => !w.Settled && w.JobId == _job?.JobId))
            {
                work.Settled = true;
                work.Held.Book.HandBack(work.SubLease.Id, 0);
            }

            ServeWaiting();
        }
    }

    /// <summary>The node is stopping: every volunteer is told so (close status 1001) and its works go back.</summary>
    public void CloseAll()
    {
        lock (_gate)
        {
            foreach (var client in _clients.Values.ToArray())
            {
                client.Peer.GoAway();
                Leave(client);
            }
        }
    }

    /// <summary>What the lease loop should ask the dispenser for now; null when nothing.</summary>
    public LeaseRequest? NextLeaseRequest()
    {
        lock (_gate)
        {
            var greeted = _clients.Values.Where(c => c.Greeted).ToArray();
            if (_leaseInFlight || greeted.Length == 0 || (_job is null && _noJobSince is { } since && _time.GetElapsedTime(since) < NoJobPoll))
            {
                return null;
            }

            var now = _time.GetTimestamp();
            var wanted = greeted.Sum(c => (double)WorkSize(c, now));
            var available = _held.Where(h => !h.Reported).Aggregate(0UL, (sum, h) => sum + h.Book.Available);
            var starving = greeted.Any(c => c.Outstanding < OutstandingWorks);
            if (_job is not null && !starving && available >= wanted)
            {
                return null;
            }

            _leaseInFlight = true;
            return new LeaseRequest
            {
                JobId = _job?.JobId ?? "",
                Node = Miner,
                Miner = "grid",
                // One work each: small leases finish (and are credited) often; the next is asked for while these are hashed.
                Count = (ulong)Math.Clamp(wanted, 1, 1e18),
                // Expiry at the dispenser is 3× this: long enough for a stalled volunteer's work to expire here and be done by another.
                LeaseMs = (uint)(_settings.WorkTime.TotalMilliseconds * LeaseBook.ExpiryFactor),
                Rate = VerifiedRateNow(now),
            };
        }
    }

    public void OnLeaseReply(LeaseReply reply)
    {
        lock (_gate)
        {
            _leaseInFlight = false;
            if (reply.Job is { } job && job.JobId != _job?.JobId)
            {
                StartJob(job);
            }

            if (!reply.HasLease)
            {
                if (_job is { } current && reply.Job is null)
                {
                    EndJob(current.JobId, "the cluster has no job now");
                }

                // Nothing to mine: ask again when a job is announced (or after a poll interval), not at once.
                _noJobSince = _time.GetTimestamp();
                return;
            }

            _noJobSince = null;

            if (_job is null)
            {
                return; // a lease for a job we no longer know: it expires at the dispenser
            }

            var range = new NonceRange(reply.Start, reply.Count);
            _held.Add(new HeldLease(reply.LeaseId, range, new LeaseBook(_time, range.Start, range.End, within32BitBlocks: true)));
            ServeWaiting();
        }
    }

    public void OnLeaseFailed()
    {
        lock (_gate)
        {
            _leaseInFlight = false;
        }
    }

    /// <summary>The dispenser announced a job: ask for a lease now.</summary>
    public void OnJobAnnounced()
    {
        lock (_gate)
        {
            _noJobSince = null;
            Wake();
        }
    }

    /// <summary>The dispenser ended <paramref name="jobId"/> (a block was found, or the chain moved on).</summary>
    public void OnJobEnded(string jobId)
    {
        lock (_gate)
        {
            EndJob(jobId, "a block was found");
        }
    }

    /// <summary>The timer's round: vardiff on time, expired works, finished leases, waiting volunteers.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            foreach (var client in _clients.Values.Where(c => c.Greeted))
            {
                if (_job is not null && client.Outstanding > 0 && client.Vardiff.OnTick(now, _blockTarget, _time))
                {
                    AnnounceTarget(client);
                }

                foreach (var work in client.Works.Values.Where(w => !w.Settled && w.JobId == _job?.JobId))
                {
                    work.Held.Book.ExpireDue();
                    if (!work.Held.Book.TryGetOpen(work.SubLease.Id, out _))
                    {
                        work.Settled = true; // expired: its range is issued again
                    }
                }
            }

            ReportFinishedLeases();
            ReportProgress();
            ServeWaiting();
        }
    }

    /// <summary>Reports for the dispenser, oldest first.</summary>
    public IReadOnlyList<LeaseReport> TakeReports()
    {
        lock (_gate)
        {
            var reports = _reports.ToArray();
            _reports.Clear();
            return reports;
        }
    }

    /// <summary>On shutdown: every held lease goes back with its completed prefix, so the cluster issues the rest at once.</summary>
    public IReadOnlyList<LeaseReport> HandBackAll()
    {
        lock (_gate)
        {
            if (_job is { } job)
            {
                ReportProgress();
                foreach (var held in _held.Where(h => !h.Reported))
                {
                    held.Reported = true;
                    _reports.Enqueue(new LeaseReport { JobId = job.JobId, LeaseId = held.LeaseId, Hashed = held.Book.CompletedPrefix(held.Range.Start), HandedBack = true, Node = Miner });
                }
            }

            _held.Clear();
            var reports = _reports.ToArray();
            _reports.Clear();
            return reports;
        }
    }

    public bool TryTakeAudit(out AuditRequest audit)
    {
        lock (_gate)
        {
            return _audits.TryDequeue(out audit!);
        }
    }

    /// <summary>An audit's finding: the qualifying nonces of the range. One not reported drops the volunteer.</summary>
    public void OnAudited(AuditRequest audit, IReadOnlyList<ulong> qualifying)
    {
        lock (_gate)
        {
            if (audit.JobId == _job?.JobId)
            {
                // The audit hashed the range itself: a block a volunteer hid is still found.
                foreach (var nonce in qualifying.Where(n => _midstate!.HashOf(n) <= _blockTarget))
                {
                    if (audit.Client.Works.TryGetValue(audit.WorkId, out var work))
                    {
                        _blocks++;
                        ReportSolution(work.Held, nonce);
                    }
                }
            }

            var missing = qualifying.Where(n => !audit.Reported.Contains(n)).ToArray();
            audit.Client.Audited++;
            if (missing.Length == 0)
            {
                _auditsPassed++;
                return;
            }

            _auditsFailed++;
            if (audit.Client.Gone)
            {
                return; // another audit of its works already dropped it (or it left): counted, not dropped twice
            }

            Drop(audit.Client, null, new GridError(GridErrorCode.AuditFailed, $"a re-check of work {audit.WorkId} found {missing.Length} share(s) never submitted, e.g. nonce {GridMessages.Hex64(missing[0])}: the work was skipped or its shares hidden"));
        }
    }

    /// <summary>A refusal that is not about a share's content (rate limit, bad params): counted, answered, socket kept.</summary>
    public void Refuse(GridClient client, string? idJson, GridError error) => Refuse(client, idJson, error, isShare: false);

    private void Refuse(GridClient client, string? idJson, GridError error, bool isShare)
    {
        lock (_gate)
        {
            if (error.Closes is not null)
            {
                Drop(client, idJson, error);
                return;
            }

            CountRejection(client, error.Code);

            client.Peer.Send(GridMessages.Error(idJson, error));
            if (!isShare || !error.IsInvalidShare)
            {
                return;
            }

            var now = _time.GetTimestamp();
            client.RecentInvalid.Enqueue(now);
            while (client.RecentInvalid.TryPeek(out var at) && _time.GetElapsedTime(at, now) > Minute)
            {
                client.RecentInvalid.Dequeue();
            }

            if (client.RecentInvalid.Count > _settings.MaxInvalidSharesPerMinute)
            {
                Drop(client, idJson, new GridError(GridErrorCode.TooManyInvalid, $"{client.RecentInvalid.Count} invalid shares within a minute; at most {_settings.MaxInvalidSharesPerMinute} are tolerated"));
            }
        }
    }

    public GridStatus Status()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            return new GridStatus(
                Miner,
                _job?.JobId,
                VerifiedRateNow(now),
                _accepted,
                _blocks,
                _rejected.ToDictionary(p => new GridError(p.Key, "").Name, p => p.Value),
                _held.Count(h => !h.Reported),
                _auditsPassed,
                _auditsFailed,
                _auditsSkipped,
                _clients.Values.Where(c => c.Greeted).Select(c => new GridClientStatus(
                    c.Session,
                    c.ClientId,
                    c.Address.ToString(),
                    c.Engine,
                    _time.GetElapsedTime(c.GreetedAt, now).TotalSeconds,
                    c.Rate.Rate(now),
                    c.Rate.TotalHashes,
                    c.Accepted,
                    c.Rejected.Values.Aggregate(0UL, (sum, n) => sum + n),
                    c.Outstanding,
                    c.FinishedWorks,
                    c.Audited)).ToArray());
        }
    }

    private double VerifiedRateNow(long now) => _clients.Values.Sum(c => c.Rate.Rate(now));

    // Only shares size work: a volunteer without any yet gets the initial rate's worth, whatever it claims.
    private double SizingRate(GridClient client, long now) => client.Accepted == 0 ? _settings.InitialRate : Math.Max(client.Rate.Rate(now), 1);

    private ulong WorkSize(GridClient client, long now) =>
        (ulong)Math.Clamp(SizingRate(client, now) * _settings.WorkTime.TotalSeconds, MinimumWork, uint.MaxValue);

    private void Drop(GridClient client, string? idJson, GridError error)
    {
        CountRejection(client, error.Code);
        client.Peer.Close(error, idJson);
        Leave(client);
    }

    private void CountRejection(GridClient client, GridErrorCode code)
    {
        client.Rejected[code] = client.Rejected.GetValueOrDefault(code) + 1;
        _rejected[code] = _rejected.GetValueOrDefault(code) + 1;
    }

    private void StartJob(MiningJob job)
    {
        var previous = _job?.JobId ?? _lastJobId;
        _lastJobId = previous;
        if (_job is not null)
        {
            _lastMidstate = _midstate;
        }

        _job = job;
        _header = BlockHeader.Decode(job.Header.Span);
        _blockTarget = Hash256.FromBytes(job.Target.Span);
        _midstate = new JobMidstate(new SearchJob(_header, _blockTarget));
        _headerHex = Convert.ToHexStringLower(job.Header.Span);
        _held.Clear();
        foreach (var client in _clients.Values.Where(c => c.Greeted))
        {
            Retire(client, previous);
            AnnounceJob(client, job);
        }

        Wake();
    }

    private void EndJob(string jobId, string reason)
    {
        if (_job?.JobId != jobId)
        {
            return;
        }

        _job = null;
        _lastJobId = jobId;
        _lastMidstate = _midstate;
        _held.Clear();
        foreach (var client in _clients.Values.Where(c => c.Greeted))
        {
            Retire(client, jobId);
            client.Peer.Send(GridMessages.Stop(jobId, reason));
        }

        Wake();
    }

    /// <summary>Settles the works of ended jobs, keeping those of <paramref name="lastJobId"/> so a late share is answered "stale".</summary>
    private static void Retire(GridClient client, string? lastJobId)
    {
        foreach (var work in client.Works.Values.ToArray())
        {
            work.Settled = true;
            if (work.JobId != lastJobId)
            {
                client.Works.Remove(work.Id);
            }
        }
    }

    private void GiveWork(GridClient client)
    {
        if (_job is not { } job || client.Gone)
        {
            Wake();
            return;
        }

        var now = _time.GetTimestamp();
        while (client.Outstanding < OutstandingWorks)
        {
            var held = _held.FirstOrDefault(h => !h.Reported && h.Book.CanIssue);
            if (held is null)
            {
                Wake(); // the loop asks the dispenser for more
                return;
            }

            var count = WorkSize(client, now);
            if (client.Outstanding == 0)
            {
                client.Vardiff.Resume(now);
            }
            var subLease = held.Book.Issue(client.Session, client.Engine, count, _settings.WorkTime);
            if (subLease.Reissued is { } returned)
            {
                _log($"{Miner}: issued nonces {returned.Range.Start}..{returned.Range.Start + returned.Range.Count - 1} again to volunteer {client.Session[..8]}, from volunteer {returned.FromNode[..8]}'s {returned.Why} work");
            }

            var work = new GridWork(client.NextWorkId++, job.JobId, held, subLease, client.Vardiff.Target);
            client.Works.Add(work.Id, work);
            client.Peer.Send(GridMessages.Work(work.Id, job.JobId, work.Range, work.ShareTarget));
        }
    }

    private void ServeWaiting()
    {
        foreach (var client in _clients.Values.Where(c => c.Greeted && c.Outstanding < OutstandingWorks).ToArray())
        {
            GiveWork(client);
        }
    }

    private void Finish(GridClient client, GridWork work)
    {
        work.Settled = true;
        var outcome = work.Held.Book.Complete(work.SubLease.Id);
        if (outcome != LeaseOutcome.Accepted)
        {
            return; // it expired and went to another volunteer: not counted twice
        }

        if (work.Credited < work.Range.Count)
        {
            // The part not yet counted through progress reports.
            work.Held.FinishedUnreported.Add(new NonceRange(work.Range.Start + work.Credited, work.Range.Count - work.Credited));
            work.Credited = work.Range.Count;
        }

        // Trusted longer, sampled less: the first finished work always, then fewer, down to the floor.
        var share = _settings.AuditTrustWorks <= 0 ? _settings.AuditFloor : Math.Max(_settings.AuditFloor, _settings.AuditTrustWorks / (_settings.AuditTrustWorks + client.FinishedWorks));
        client.FinishedWorks++;
        if (_random.NextDouble() < share)
        {
            if (_audits.Count >= MaxQueuedAudits)
            {
                _auditsSkipped++;
            }
            else
            {
                _audits.Enqueue(new AuditRequest(client, work.Id, work.JobId, new SearchJob(_header!, work.ShareTarget), work.Range, new HashSet<ulong>(work.Shares)));
                Wake();
            }
        }

        ReportFinishedLeases();
    }

    private void ReportFinishedLeases()
    {
        if (_job is not { } job)
        {
            return;
        }

        foreach (var held in _held.Where(h => !h.Reported && h.Book.Finished))
        {
            // Whole: the dispenser counts what earlier progress reports did not.
            held.Reported = true;
            held.FinishedUnreported.Clear();
            _reports.Enqueue(new LeaseReport { JobId = job.JobId, LeaseId = held.LeaseId, Hashed = held.Range.Count, Node = Miner });
            Wake();
        }

        _held.RemoveAll(h => h.Reported);
    }

    /// <summary>
    /// The works finished in leases not yet done, counted at the dispenser now: a lease holds
    /// several volunteers' works, and waiting for the slowest of them lost all of them whenever
    /// a block was found first. Sent on the timer, at most one report per lease a tick, so the
    /// dispenser's load follows the gateway's leases, not its volunteers' works.
    /// What an audited volunteer says it has hashed of a work still open (its cumulative
    /// <c>done</c>) counts too: a work lasts about <see cref="GridSettings.WorkTime"/>, and a
    /// block landing midway otherwise lost the part hashed (a worker was credited 83 % of its
    /// hashing at 3 s blocks). That part is a claim, so only a volunteer that has passed an audit
    /// is believed, and the work's own book counts it, so it is not issued again if the work
    /// expires or its volunteer leaves; the finished work is still audited whole.
    /// </summary>
    private void ReportProgress()
    {
        if (_job is not { } job)
        {
            return;
        }

        foreach (var client in _clients.Values.Where(c => c.Audited > 0 && !c.Gone))
        {
            foreach (var work in client.Works.Values.Where(w => !w.Settled && !w.Held.Reported && w.JobId == job.JobId && w.Hashed > w.Credited))
            {
                var part = new NonceRange(work.Range.Start + work.Credited, work.Hashed - work.Credited);
                if (work.Held.Book.Progress(work.SubLease.Id, [part]) == LeaseOutcome.Accepted)
                {
                    work.Held.FinishedUnreported.Add(part);
                    work.Credited = work.Hashed;
                }
            }
        }

        foreach (var held in _held.Where(h => !h.Reported && h.FinishedUnreported.Count > 0))
        {
            var report = new LeaseReport { JobId = job.JobId, LeaseId = held.LeaseId, InProgress = true, Node = Miner };
            report.Done.AddRange(held.FinishedUnreported.Select(r => new DoneRange { Start = r.Start, Count = r.Count }));
            held.FinishedUnreported.Clear();
            _reports.Enqueue(report);
            Wake();
        }
    }

    private void ReportSolution(HeldLease held, ulong nonce)
    {
        // The dispenser verifies it again and ends the job; the lease's unfinished rest no longer
        // matters, but what is finished counts: progress goes first, reports are sent in order.
        ReportProgress();
        held.Reported = true;
        _reports.Enqueue(new LeaseReport
        {
            JobId = _job!.JobId,
            LeaseId = held.LeaseId,
            Hashed = HashedPrefix(held),
            HandedBack = true,
            Node = Miner,
            Found = { nonce },
        });
        Wake();
    }

    /// <summary>
    /// How much of <paramref name="held"/> from its start is hashed: its finished works without a
    /// gap, then what the volunteer of the next work has reported of it so far (cumulative
    /// <c>done</c>, which browsers send while they hash). A block is often solved inside the first
    /// works of a lease; counting only finished works left the gateway with no credit for it.
    /// </summary>
    private ulong HashedPrefix(HeldLease held)
    {
        var prefix = held.Book.CompletedPrefix(held.Range.Start);
        var next = held.Range.Start + prefix;

        // The work holding the prefix's end; part of it may already be counted through progress.
        var open = _clients.Values.SelectMany(c => c.Works.Values).FirstOrDefault(w => w.Held == held && !w.Settled && w.Range.Start <= next && next < w.Range.End);
        var reached = open is null ? next : open.Range.Start + open.Hashed;
        return prefix + Math.Min(reached > next ? reached - next : 0, held.Range.Count - prefix);
    }

    /// <summary>The refusals every work request shares: a gone session, no hello yet, a work this session was never given.</summary>
    private bool TryFindWork(GridClient client, string idJson, long workId, bool isShare, out GridWork work)
    {
        work = null!;
        if (client.Gone)
        {
            return false;
        }

        if (!client.Greeted)
        {
            Refuse(client, idJson, new GridError(GridErrorCode.HelloFirst, "send hello first"));
            return false;
        }

        if (!client.Works.TryGetValue(workId, out work!))
        {
            Refuse(client, idJson, new GridError(GridErrorCode.OutsideRange, $"no work {workId} was given to this session"), isShare);
            return false;
        }

        return true;
    }

    /// <summary>A new job (clean: earlier work is void), with the volunteer's share target kept no harder than the block's.</summary>
    private void AnnounceJob(GridClient client, MiningJob job)
    {
        client.Vardiff.ClampTo(_blockTarget);
        client.AnnouncedTarget = client.Vardiff.Target;
        client.Peer.Send(GridMessages.Job(job.JobId, _headerHex, client.AnnouncedTarget, clean: true));
    }

    private void AnnounceTarget(GridClient client)
    {
        if (client.Vardiff.Target != client.AnnouncedTarget)
        {
            client.AnnouncedTarget = client.Vardiff.Target;
            client.Peer.Send(GridMessages.Target(client.AnnouncedTarget));
        }
    }

    private void Wake()
    {
        var wake = _wake;
        _wake = NewSignal();
        wake.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
