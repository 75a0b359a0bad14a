using System.Net;

namespace Beamchain.Node.Grid;

/// <summary>
/// Who may open a session: at most so many open connections per address, so many new
/// sessions per address per minute, and so many volunteers on the gateway. Thread-safe: the
/// gateway admits connections from Kestrel's threads.
/// </summary>
public sealed class ConnectionLimits(GridSettings settings, TimeProvider time)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _open = [];
    private readonly Dictionary<IPAddress, Queue<long>> _started = [];
    private int _total;

    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Admits a connection from <paramref name="address"/>, or says which limit it hit. Each admitted one must be <see cref="Release"/>d.</summary>
    public bool TryAdmit(IPAddress address, out GridError? refusal)
    {
        lock (_gate)
        {
            refusal = null;
            var now = time.GetTimestamp();
            var started = _started.TryGetValue(address, out var queue) ? queue : _started[address] = new Queue<long>();
            while (started.TryPeek(out var at) && time.GetElapsedTime(at, now) > Minute)
            {
                started.Dequeue();
            }

            if (_total >= settings.MaxClients)
            {
                refusal = new GridError(GridErrorCode.TooManyConnections, $"this gateway serves its limit of {settings.MaxClients} volunteers; try again later");
            }
            else if (_open.GetValueOrDefault(address) >= settings.MaxConnectionsPerAddress)
            {
                refusal = new GridError(GridErrorCode.TooManyConnections, $"{address} already has {settings.MaxConnectionsPerAddress} connections open, the most one address may have");
            }
            else if (started.Count >= settings.MaxSessionsPerAddressPerMinute)
            {
                refusal = new GridError(GridErrorCode.TooManyConnections, $"{address} opened {settings.MaxSessionsPerAddressPerMinute} sessions in the last minute, the most allowed; try again later");
            }

            if (refusal is not null)
            {
                if (started.Count == 0)
                {
                    _started.Remove(address);
                }

                return false;
            }

            started.Enqueue(now);
            _open[address] = _open.GetValueOrDefault(address) + 1;
            _total++;
            return true;
        }
    }

    public void Release(IPAddress address)
    {
        lock (_gate)
        {
            _total--;
            if (_open.TryGetValue(address, out var count) && count > 1)
            {
                _open[address] = count - 1;
            }
            else
            {
                _open.Remove(address);
            }
        }
    }
}
