namespace Beamchain.Node.Status;

/// <summary>This node's clock against the members' median: <see cref="OffsetSeconds"/> &gt; 0 when it is ahead; <see cref="Clocks"/> counts the clocks in the median, its own included.</summary>
public sealed record ClockReport(double OffsetSeconds, int Clocks);
