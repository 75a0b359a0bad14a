using Beamchain.Node.Bench;
using Beamchain.Node.Devices;
using Beamchain.Node.Faults;
using Beamchain.Node.Logging;
using Beamchain.Node.Shell;

// `beamchain bench …` measures hashing, `bench-cluster` the dispenser and block latency,
// `bench-faults` rounds of random kills during mining;
// anything else starts a node and its prompt.
return args switch
{
    ["bench", .. var rest] => BenchCommand.Run(rest, Console.Out, Console.Error),
    ["bench-cluster", .. var rest] => await ClusterBench.RunAsync(rest, Console.Out, Console.Error),
    ["bench-faults", .. var rest] => await FaultRounds.RunAsync(rest, Console.Out, Console.Error),
    _ => await RunNodeAsync(args),
};

static async Task<int> RunNodeAsync(string[] args)
{
    using var signals = new StopSignals();

    // Proto.Actor's log is process-wide: set once here (--log-level), flushed at the end.
    Microsoft.Extensions.Logging.ILoggerFactory? protoLog = null;
    try
    {
        return await NodeCommand.RunAsync(
            args, Console.In, Console.Out, Console.Error, options => MiningDevices.Open(options.Device, options.CpuThreads), interactive: !Console.IsInputRedirected, signals.Token,
            level => protoLog = ProtoLogging.ToStandardError(level));
    }
    finally
    {
        protoLog?.Dispose();
    }
}
