namespace Beamchain.Node.Worker;

/// <summary>
/// What <c>beamchain worker</c> was asked to do (read by <see cref="WorkerCommandLine"/>): a volunteer
/// process mining through a gateway at <see cref="Pool"/>, no cluster membership. <see cref="Duty"/> is
/// the share of time spent hashing, above 0 and at most 1.
/// </summary>
public sealed record WorkerOptions(Uri Pool, string? Device, string? Token, int? CpuThreads, double Duty, bool Json);
