namespace Beamchain.Node.Mining;

/// <summary>
/// Sizes one miner's leases from its measured rate: a small first lease to calibrate, then
/// <c>rate × lease time</c>, so that a slow device holds a short range and a fast one a long one,
/// and every lease takes about the lease time.
/// </summary>
public sealed class LeaseSizer
{
    // Recent leases weigh more, so a device that speeds up or slows down is followed within a few leases.
    private const double Smoothing = 0.5;

    private readonly ulong _calibrationCount;

    public LeaseSizer(TimeSpan leaseTime, ulong calibrationCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfZero(calibrationCount);
        LeaseTime = leaseTime;
        _calibrationCount = calibrationCount;
    }

    public TimeSpan LeaseTime { get; }

    public bool Calibrated => Rate > 0;

    /// <summary>Measured nonces per second; 0 until the first lease is hashed.</summary>
    public double Rate { get; private set; }

    public void Record(ulong hashed, TimeSpan elapsed)
    {
        if (hashed == 0)
        {
            return;
        }

        // A tiny range can finish in under a timer tick; a floor keeps the first estimate finite.
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-4);
        var measured = hashed / seconds;
        Rate = Calibrated ? (Smoothing * measured) + ((1 - Smoothing) * Rate) : measured;
    }

    public ulong NextCount() =>
        Calibrated ? (ulong)Math.Clamp(Rate * LeaseTime.TotalSeconds, 1, 1e18) : _calibrationCount;
}
