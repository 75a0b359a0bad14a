using Beamchain.Kernels.Search;

namespace Beamchain.Node.Mining;

/// <summary>
/// The dispenser's bookkeeping for one job. Ranges are issued contiguously in increasing
/// order, sized by the asker. A lease not settled within <see cref="ExpiryFactor"/>× its
/// lease time expires; its range, like the unfinished part of a handed-back lease, goes to
/// a pool that is drained (oldest return first) before any new range is cut. Work reported
/// on an expired lease is not counted, so a range is never counted twice. Parts of an open
/// lease may be counted early (<see cref="Progress"/>); its end then counts, or its expiry
/// returns, only the rest.
/// </summary>
public sealed class LeaseBook
{
    public const int ExpiryFactor = 3;

    private readonly TimeProvider _time;
    private readonly Dictionary<ulong, Lease> _open = [];
    private readonly HashSet<ulong> _expiredIds = [];

    // Open leases by expiry, so each issue looks only at the leases that are due; settled ones are skipped when popped.
    private readonly PriorityQueue<ulong, long> _byExpiry = new();
    private readonly List<ReturnedRange> _pool = [];
    private readonly NonceIntervals _completed = new();
    private readonly List<CompletedRange> _completedRanges = [];
    private readonly Dictionary<string, ulong> _hashesPerNode = [];

    // Parts of open leases already counted through Progress: settling or expiring such a lease counts or returns only the rest.
    private readonly Dictionary<ulong, NonceIntervals> _progress = [];
    private readonly ulong _end;
    private readonly bool _within32BitBlocks;
    private ulong _next;
    private ulong _nextId = 1;
    private ulong _issued;
    private ulong _reissued;
    private ulong _duplicated;
    private ulong _expired;

    /// <param name="firstNonce">the first nonce issued.</param>
    /// <param name="endNonce">one past the last nonce issued; null: up to 2^64 − 1.</param>
    /// <param name="within32BitBlocks">
    /// no range crosses a multiple of 2^32, so a 32-bit kernel (a browser's WebGPU) needs only
    /// the low word: the gateway carves its volunteers' sub-ranges this way.
    /// </param>
    public LeaseBook(TimeProvider time, ulong firstNonce = 0, ulong? endNonce = null, bool within32BitBlocks = false)
    {
        _time = time;
        _next = firstNonce;
        _end = endNonce ?? ulong.MaxValue;
        _within32BitBlocks = within32BitBlocks;
    }

    /// <summary>Whether <see cref="Issue"/> has anything to give: a pooled range or nonces not issued yet.</summary>
    public bool CanIssue
    {
        get
        {
            ExpireDue();
            return _pool.Count > 0 || _next < _end;
        }
    }

    /// <summary>Every nonce of the book issued and settled, none waiting to be issued again.</summary>
    public bool Finished => _next >= _end && _pool.Count == 0 && _open.Count == 0;

    /// <summary>Nonces not issued yet, plus those waiting to be issued again.</summary>
    public ulong Available => (_end - Math.Min(_next, _end)) + Pooled;

    /// <summary>How many nonces from <paramref name="start"/> on are completed without a gap.</summary>
    public ulong CompletedPrefix(ulong start) => _completed.CoveredFrom(start);

    public IReadOnlyCollection<Lease> OpenLeases => _open.Values;

    /// <summary>Nonces waiting to be issued again (expired or handed back).</summary>
    private ulong Pooled => _pool.Aggregate(0UL, (sum, pooled) => sum + pooled.Range.Count);

    /// <summary>Issues up to <paramref name="count"/> nonces (fewer when a pooled range is shorter).</summary>
    public Lease Issue(string node, string miner, ulong count, TimeSpan leaseTime)
    {
        ArgumentOutOfRangeException.ThrowIfZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseTime, TimeSpan.Zero);
        ExpireDue();

        NonceRange range;
        ReturnedRange? reissued = null;
        if (_pool.Count > 0)
        {
            var pooled = _pool[0];
            var take = Within32BitBlock(pooled.Range.Start, Math.Min(count, pooled.Range.Count));
            range = new NonceRange(pooled.Range.Start, take);
            reissued = pooled with { Range = range };
            if (take == pooled.Range.Count)
            {
                _pool.RemoveAt(0);
            }
            else
            {
                _pool[0] = pooled with { Range = new NonceRange(pooled.Range.Start + take, pooled.Range.Count - take) };
            }

            _reissued += take;
        }
        else
        {
            var take = Within32BitBlock(_next, Math.Min(count, _end - Math.Min(_next, _end)));
            if (take == 0)
            {
                throw new InvalidOperationException("the job's nonce space is exhausted; start a new job (new timestamp)");
            }

            range = new NonceRange(_next, take);
            _next += take;
        }

        _issued += range.Count;
        var now = _time.GetTimestamp();
        var expiresAt = now + (long)((leaseTime * ExpiryFactor).TotalSeconds * _time.TimestampFrequency);
        var lease = new Lease(_nextId++, node, miner, range, now, expiresAt) { Reissued = reissued };
        _open.Add(lease.Id, lease);
        _byExpiry.Enqueue(lease.Id, lease.ExpiresAt);
        return lease;
    }

    /// <summary>The holder hashed the whole range.</summary>
    public LeaseOutcome Complete(ulong leaseId) => Settle(leaseId, ulong.MaxValue);

    /// <summary>The holder hashed the first <paramref name="hashed"/> nonces and gives the rest back for re-issue now.</summary>
    public LeaseOutcome HandBack(ulong leaseId, ulong hashed) => Settle(leaseId, hashed);

    /// <summary>
    /// The holder finished <paramref name="parts"/> of an open lease, which stays open: they are
    /// counted now, so a block found before the whole lease is done still credits them. Parts
    /// outside the lease are ignored; a part reported twice counts as duplicated work.
    /// </summary>
    public LeaseOutcome Progress(ulong leaseId, IEnumerable<NonceRange> parts)
    {
        ExpireDue();
        if (!_open.TryGetValue(leaseId, out var lease))
        {
            return _expiredIds.Contains(leaseId) ? LeaseOutcome.Expired : LeaseOutcome.Unknown;
        }

        var counted = _progress.TryGetValue(leaseId, out var known) ? known : _progress[leaseId] = new NonceIntervals();
        foreach (var part in parts)
        {
            var start = Math.Max(part.Start, lease.Range.Start);
            var end = Math.Min(part.End, lease.Range.End);
            if (end > start)
            {
                counted.Add(start, end);
                Count(lease.Node, start, end);
            }
        }

        return LeaseOutcome.Accepted;
    }

    /// <summary>The lease <paramref name="leaseId"/> while it is open (not settled, not expired).</summary>
    public bool TryGetOpen(ulong leaseId, out Lease lease) => _open.TryGetValue(leaseId, out lease!);

    /// <summary>Moves every lease past its expiry to the re-issue pool.</summary>
    public void ExpireDue()
    {
        var now = _time.GetTimestamp();
        while (_byExpiry.TryPeek(out var id, out var expiresAt) && expiresAt <= now)
        {
            _byExpiry.Dequeue();
            if (!_open.Remove(id, out var lease))
            {
                continue; // settled before it expired
            }

            _expiredIds.Add(lease.Id);
            foreach (var (start, end) in Uncounted(lease, lease.Range.Start, lease.Range.End))
            {
                _expired += end - start;
                ReturnToPool(new ReturnedRange(new NonceRange(start, end - start), lease.Node, Expired: true));
            }

            _progress.Remove(lease.Id);
        }
    }

    public JobFigures Figures() => new(
        _issued,
        _completed.Total,
        _reissued,
        _duplicated,
        _expired,
        new Dictionary<string, ulong>(_hashesPerNode),
        _completedRanges.ToArray());

    private LeaseOutcome Settle(ulong leaseId, ulong hashed)
    {
        ExpireDue();
        if (!_open.Remove(leaseId, out var lease))
        {
            return _expiredIds.Contains(leaseId) ? LeaseOutcome.Expired : LeaseOutcome.Unknown;
        }

        var doneEnd = lease.Range.Start + Math.Min(hashed, lease.Range.Count);
        foreach (var (start, end) in Uncounted(lease, lease.Range.Start, doneEnd))
        {
            Count(lease.Node, start, end);
        }

        foreach (var (start, end) in Uncounted(lease, doneEnd, lease.Range.End))
        {
            ReturnToPool(new ReturnedRange(new NonceRange(start, end - start), lease.Node, Expired: false));
        }

        _progress.Remove(lease.Id);
        return LeaseOutcome.Accepted;
    }

    /// <summary>The parts of <c>[start, end)</c> of <paramref name="lease"/> not already counted through <see cref="Progress"/>.</summary>
    private IReadOnlyList<(ulong Start, ulong End)> Uncounted(Lease lease, ulong start, ulong end) =>
        end <= start ? [] : _progress.TryGetValue(lease.Id, out var counted) ? counted.Gaps(start, end) : [(start, end)];

    private void Count(string node, ulong start, ulong end)
    {
        _duplicated += _completed.Add(start, end);
        _completedRanges.Add(new CompletedRange(node, start, end - start));
        _hashesPerNode[node] = _hashesPerNode.GetValueOrDefault(node) + (end - start);
    }

    private ulong Within32BitBlock(ulong start, ulong count)
    {
        if (!_within32BitBlocks)
        {
            return count;
        }

        var toBoundary = (1UL << 32) - (start & 0xFFFF_FFFFUL);
        return Math.Min(count, toBoundary);
    }

    // First in, first out: a range that comes back again and again (its holders keep expiring
    // under load) queues behind what came back before it, so it cannot starve a handed-back range.
    private void ReturnToPool(ReturnedRange returned) => _pool.Add(returned);
}
