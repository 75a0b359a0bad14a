namespace Beamchain.Node.Network;

/// <summary>
/// The chain grain's pending <c>mine</c> requests, first in first out: the head is the one
/// being mined. A request id is queued at most once, so a retried request keeps its place.
/// </summary>
public sealed class MineQueue
{
    private readonly List<MineRequest> _requests = [];

    public MineQueue(IEnumerable<MineRequest> restored)
    {
        foreach (var request in restored)
        {
            Enqueue(request);
        }
    }

    public int Count => _requests.Count;

    public MineRequest? Head => _requests.Count > 0 ? _requests[0] : null;

    public IReadOnlyList<MineRequest> Requests => _requests;

    /// <summary>Queues <paramref name="request"/>; returns its place (1 = mined now).</summary>
    public int Enqueue(MineRequest request)
    {
        var existing = _requests.FindIndex(r => r.RequestId == request.RequestId);
        if (existing >= 0)
        {
            return existing + 1;
        }

        _requests.Add(request);
        return _requests.Count;
    }

    /// <summary>Removes the request a stored block answered; false when it was not queued.</summary>
    public bool Remove(string requestId) => _requests.RemoveAll(r => r.RequestId == requestId) > 0;

    public PendingQueue ToMessage() => new() { Requests = { _requests } };
}
