namespace Beamchain.Node.Web;

/// <summary>One point of the dashboard's hash-rate chart: the cluster's rate (as the dispenser sums its miners') and the gateway's verified rate, hashes per second.</summary>
public readonly record struct RateSample(DateTimeOffset At, double Cluster, double Grid);
