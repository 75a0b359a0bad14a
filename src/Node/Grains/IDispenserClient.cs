using Beamchain.Node.Mining;

namespace Beamchain.Node.Grains;

/// <summary>
/// Every call to the dispenser grain: the miners' leases and reports (<see cref="IDispenserLink"/>)
/// and the chain grain's job starts and status checks. A call that gets no answer within the
/// client's deadline throws <see cref="TimeoutException"/> or <see cref="OperationCanceledException"/>.
/// </summary>
public interface IDispenserClient : IDispenserLink
{
    Task<StartJobAck> StartJobAsync(StartJob start, CancellationToken cancellationToken);

    Task<DispenserStatus> StatusAsync(CancellationToken cancellationToken);
}
