using Beamchain.Node.Chain;
using Beamchain.Node.Grid;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;

namespace Beamchain.Node.Web;

/// <summary>
/// Looks at the node once a second, and at once when a block is stored: it asks the chain and
/// dispenser grains for their status (one request each, never more than one outstanding), keeps
/// the newest <see cref="NodeReading"/> for <c>/metrics</c>, samples the rates for the chart, and
/// publishes a dashboard document to the open pages. Grains that stop answering do not stop
/// it: the reading keeps their last answer and says for how long they have been silent.
/// </summary>
public sealed class NodeWatch : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // The grains' silence the dashboard shows as a problem (a status request normally takes milliseconds).
    private static readonly TimeSpan SilenceShown = TimeSpan.FromSeconds(3);

    // Five minutes of the hash-rate chart at one sample a second.
    private const int RateSamples = 300;

    // The block-time chart's blocks (the list shows the newest few of them).
    private const int RecentBlocks = 40;

    // The local gossip actor answers at once; a node busy rejoining shows names again next round.
    private static readonly TimeSpan NamesTimeout = TimeSpan.FromSeconds(1);

    private readonly ClusterNode _node;
    private readonly GridPool _pool;
    private readonly DashboardFeed _feed;
    private readonly TimeProvider _time;
    private readonly Action<JobSummary> _blockMined;
    private readonly RateHistory _rates = new(RateSamples);
    private readonly CancellationTokenSource _stop = new();
    // Since when the grains have not answered: a monotonic timestamp, so a step of the system clock shows no false silence.
    private long _answeredTimestamp;
    private Task _running = Task.CompletedTask;
    private NodeStatus? _lastStatus;
    private DateTimeOffset? _answeredAt;
    private IReadOnlyList<NamedMember>? _members;
    private volatile NodeReading? _latest;

    /// <param name="blockMined">called once for each block stored while watching whose figures came with it.</param>
    public NodeWatch(ClusterNode node, GridPool pool, DashboardFeed feed, TimeProvider time, Action<JobSummary> blockMined)
    {
        _node = node;
        _pool = pool;
        _feed = feed;
        _time = time;
        _blockMined = blockMined;
        _answeredTimestamp = time.GetTimestamp();
    }

    /// <summary>The newest reading; null before the first one (taken when <see cref="Start"/> is called).</summary>
    public NodeReading? Latest => _latest;

    public void Start()
    {
        _latest = Read();
        _running = Task.Run(() => RunAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var seen = _node.Chain.Height;
        Task<NodeStatus?>? asking = null;
        Task? nextBlock = null;
        while (!stop.IsCancellationRequested)
        {
            asking ??= AskGrainsAsync(stop);
            nextBlock ??= _node.WhenHeightAsync(seen + 1);
            var tick = Task.Delay(Interval, _time, stop);
            await Task.WhenAny(nextBlock, tick);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            if (asking.IsCompleted)
            {
                if (await asking is { Chain: not null, Job: not null } status)
                {
                    (_lastStatus, _answeredAt, _answeredTimestamp) = (status, _time.GetUtcNow(), _time.GetTimestamp());
                }

                asking = null;
            }

            _members = await NamedMembersAsync();
            try
            {
                var height = _node.Chain.Height;
                if (height != seen)
                {
                    ReportMined(seen, height);
                    seen = height;
                    nextBlock = null;
                }

                var reading = Read();
                _latest = reading;
                if (tick.IsCompleted)
                {
                    _rates.Add(new RateSample(reading.At, reading.Job?.ClusterRate ?? 0, reading.Grid.VerifiedRate));
                }

                Publish(reading);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Never a silent stall: the pages and /metrics keep the last reading, which says what went wrong.
                _latest = _latest! with { Problem = $"the dashboard could not read this node: {e.Message}" };
            }
        }
    }

    /// <summary>The grains' status; null when they did not answer (the node's own timeout, 10 s, bounds the wait; the dashboard shows silence sooner).</summary>
    private async Task<NodeStatus?> AskGrainsAsync(CancellationToken stop)
    {
        try
        {
            return await _node.StatusAsync(stop);
        }
        catch (Exception)
        {
            // Whatever the cluster is going through (a timeout, a rejoin replacing the actor system), the page keeps going and says the grains are silent.
            return null;
        }
    }

    /// <summary>The members with their gossiped names; without names when the gossip does not answer.</summary>
    private async Task<IReadOnlyList<NamedMember>?> NamedMembersAsync()
    {
        try
        {
            return await _node.NamedMembersAsync().WaitAsync(NamesTimeout, _time);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private void ReportMined(ulong seen, ulong height)
    {
        // Blocks stored since the last look (a reorganisation may also land lower: nothing new then).
        for (var h = Math.Max(seen + 1, height >= RecentBlocks ? height - RecentBlocks + 1 : 0); h <= height; h++)
        {
            if (_node.SummaryOf(h) is { } summary)
            {
                _blockMined(summary);
            }
        }
    }

    private NodeReading Read()
    {
        var now = _time.GetUtcNow();
        var status = _lastStatus;
        var silent = _time.GetElapsedTime(_answeredTimestamp);
        var problem = silent >= SilenceShown
            ? $"the chain and dispenser grains have not answered this node for {silent.TotalSeconds:F0} s; figures below are from {(status is null ? "nothing yet" : "their last answer")}"
            : null;
        return new NodeReading(
            now,
            _node.Name,
            _node.Address,
            _node.MembershipDescription,
            _members ?? _node.Members.Select(address => new NamedMember(address, "")).ToArray(),
            _node.Miners,
            _pool.Status(),
            status?.Chain,
            status?.Job,
            _answeredAt,
            problem);
    }

    private void Publish(NodeReading reading)
    {
        var height = _node.Chain.Height;
        var from = height >= RecentBlocks ? height - RecentBlocks + 1 : 0;
        var blocks = _node.Chain.GetRange(from, RecentBlocks);
        _feed.Publish(DashboardDocument.Write(reading, blocks, _node.SummaryOf, _rates.Samples));
    }
}
