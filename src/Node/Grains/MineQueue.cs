namespace Beamchain.Node.Grains;

/// <summary>
/// The chain grain's pending <c>mine</c> requests, first in first out: the head is the one
/// being mined. A request id is queued at most once, so a retried request keeps its place.
/// Each request gets a sequence number when first queued; a queue rebuilt from several
/// members' copies (<see cref="Recover"/>) is ordered by it, so the order survives the
/// grain moving to another member.
/// </summary>
public sealed class MineQueue
{
    private readonly List<MineRequest> _requests = [];
    private ulong _lastSequence;

    public MineQueue(IEnumerable<MineRequest> restored)
    {
        foreach (var request in restored)
        {
            if (_requests.All(r => r.RequestId != request.RequestId))
            {
                _requests.Add(request.Clone());
                _lastSequence = Math.Max(_lastSequence, request.Sequence);
            }
        }
    }

    public int Count => _requests.Count;

    public MineRequest? Head => _requests.Count > 0 ? _requests[0] : null;

    public IReadOnlyList<MineRequest> Requests => _requests;

    /// <summary>
    /// The queue a re-activated chain grain starts from: every member's copy merged (a request
    /// counts once, by id), ordered by sequence number, without the requests that
    /// <paramref name="isMined"/> says a main-chain block already answers.
    /// </summary>
    public static MineQueue Recover(IEnumerable<MineRequest> copies, Func<string, bool> isMined) =>
        new(copies
            .Where(r => !isMined(r.RequestId))
            .DistinctBy(r => r.RequestId)
            .OrderBy(r => r.Sequence)
            .ThenBy(r => r.RequestId, StringComparer.Ordinal));

    /// <summary>Queues <paramref name="request"/>; returns its place (1 = mined now).</summary>
    public int Enqueue(MineRequest request)
    {
        if (PlaceOf(request.RequestId) is > 0 and var existing)
        {
            return existing;
        }

        var queued = request.Clone();
        queued.Sequence = ++_lastSequence;
        _requests.Add(queued);
        return _requests.Count;
    }

    /// <summary>Where <paramref name="requestId"/> waits in the queue (1 = mined now); 0 when it is not queued.</summary>
    public int PlaceOf(string requestId) => _requests.FindIndex(r => r.RequestId == requestId) + 1;

    /// <summary>Removes the request a stored block answered; false when it was not queued.</summary>
    public bool Remove(string requestId) => _requests.RemoveAll(r => r.RequestId == requestId) > 0;

    /// <summary>Drops requests at the head that <paramref name="isMined"/> says are already in a block; returns how many.</summary>
    public int DropMinedHead(Func<string, bool> isMined)
    {
        var dropped = 0;
        while (_requests.Count > 0 && isMined(_requests[0].RequestId))
        {
            _requests.RemoveAt(0);
            dropped++;
        }

        return dropped;
    }

    public PendingQueue ToMessage() => new() { Requests = { _requests } };
}
