using System.Diagnostics.Metrics;
using Beamchain.Node.Chain;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Mining;

namespace Beamchain.Node.Web;

/// <summary>
/// The node's instruments, all in the meter <see cref="MeterName"/>, exported at <c>/metrics</c>
/// (OpenTelemetry's Prometheus exporter turns <c>beamchain.grid.shares.rejected</c> into
/// <c>beamchain_grid_shares_rejected_total</c>; the README lists them). Almost all are observable:
/// they read the newest <see cref="NodeReading"/> (at most a second old), the chain or the
/// node's <see cref="LeaseTally"/> when a scrape asks. The block-time histogram is fed by
/// <see cref="BlockMined"/>. Every measurement carries the node's name as <c>node</c>.
/// </summary>
public sealed class NodeMetrics : IDisposable
{
    public const string MeterName = "Beamchain";

    // Block times from a fraction of a second (tests, a busy cluster) to many minutes.
    private static readonly double[] BlockTimeBuckets = [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _blockTime;
    private readonly KeyValuePair<string, object?> _node;
    private readonly Func<NodeReading?> _latest;

    public NodeMetrics(string node, ChainState chain, LeaseTally leases, Func<NodeReading?> latest)
    {
        _node = new("node", node);
        _latest = latest;
        var thisNode = _node;

        _meter.CreateObservableGauge(
            "beamchain.miner.hashes",
            () => Each(r => r.Miners.Select(m => new Measurement<double>(m.Rate, thisNode, new("device", m.Name), new("kind", m.Kind.ToString())))),
            "{hash}/s",
            "This node's devices' hash rate, as each miner measures it.");
        _meter.CreateObservableGauge(
            "beamchain.cluster.hashes",
            () => One(r => r.Job?.ClusterRate),
            "{hash}/s",
            "The cluster's hash rate: the sum of the rates its miners reported to the dispenser grain in the last seconds (the difficulty policy's input).");
        _meter.CreateObservableCounter(
            "beamchain.blocks",
            () => new Measurement<long>((long)chain.Height, thisNode),
            "{block}",
            "Blocks after genesis on this node's main chain.");
        _meter.CreateObservableGauge(
            "beamchain.difficulty",
            () => new Measurement<double>(chain.Tip.DifficultyBits, thisNode),
            "bits",
            "The tip's difficulty: leading zero bits of its target.");
        _blockTime = _meter.CreateHistogram(
            "beamchain.block.time",
            "s",
            "Seconds from a block's job to its solution, for each block this node saw mined.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = BlockTimeBuckets });

        // Counted on this node (its miners' and gateway's leases), so they only rise, wherever the dispenser grain runs.
        _meter.CreateObservableCounter(
            "beamchain.leases.issued",
            () => new Measurement<long>(leases.Issued, thisNode),
            "{lease}",
            "Nonce ranges the dispenser issued to this node's miners and gateway, re-issued ones included.");
        _meter.CreateObservableCounter(
            "beamchain.leases.reissued",
            () => new Measurement<long>(leases.Reissued, thisNode),
            "{lease}",
            "Of those, ranges that had expired or been handed back by another holder, issued again.");
        _meter.CreateObservableCounter(
            "beamchain.leases.expired",
            () => new Measurement<long>(leases.Expired, thisNode),
            "{lease}",
            "This node's leases the dispenser found expired (not reported within 3 × their lease time) when they were reported.");

        _meter.CreateObservableGauge(
            "beamchain.grid.clients",
            () => One<long>(r => r.Grid.Clients.Count),
            "{client}",
            "Volunteers connected to this node's gateway.");
        _meter.CreateObservableGauge(
            "beamchain.grid.verified_hashes",
            () => One<double>(r => r.Grid.VerifiedRate),
            "{hash}/s",
            "The hash rate the volunteers' accepted shares prove.");
        _meter.CreateObservableCounter(
            "beamchain.grid.shares.accepted",
            () => One<long>(r => (long)r.Grid.Accepted),
            "{share}",
            "Shares the gateway verified and accepted.");
        _meter.CreateObservableCounter(
            "beamchain.grid.shares.rejected",
            () => Each(r => r.Grid.Rejected.Select(p => new Measurement<long>((long)p.Value, thisNode, new("reason", p.Key)))),
            "{share}",
            "Messages the gateway refused, by the protocol's error name (stale, duplicate, above-target, …).");
        _meter.CreateObservableCounter(
            "beamchain.grid.blocks",
            () => One<long>(r => (long)r.Grid.Blocks),
            "{block}",
            "Shares that met the block target and went to the dispenser as solutions.");
    }

    /// <summary>Records how long a block stored while the node watched took to mine.</summary>
    public void BlockMined(JobSummary summary) => _blockTime.Record(summary.Seconds, _node);

    public void Dispose() => _meter.Dispose();

    /// <summary>Nothing before the first reading, so a counter never reads a made-up zero.</summary>
    private IEnumerable<Measurement<T>> Each<T>(Func<NodeReading, IEnumerable<Measurement<T>>> read)
        where T : struct => _latest() is { } reading ? read(reading) : [];

    private IEnumerable<Measurement<T>> One<T>(Func<NodeReading, T?> read)
        where T : struct => _latest() is { } reading && read(reading) is { } value ? [new Measurement<T>(value, _node)] : [];

    /// <summary>
    /// Whether <paramref name="instrument"/> is one of this node's. Every meter is named
    /// <see cref="MeterName"/>, so an exporter that takes meters by name would also read the
    /// instruments of another node in the same process (tests run several).
    /// </summary>
    public bool Owns(Instrument instrument) => ReferenceEquals(instrument.Meter, _meter);
}
