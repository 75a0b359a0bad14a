using Beamchain.Node.Bench;
using Beamchain.Node.Devices;
using Beamchain.Node.Logging;
using Beamchain.Node.Shell;
using Beamchain.Node.Text;
using Beamchain.Node.Worker;

// `beamchain bench …` measures hashing, `worker` mines as a volunteer through a gateway; anything
// else starts a node and its prompt. (The benchmarks that start and kill nodes are in tests/Bench.)
return args switch
{
    ["bench", .. var rest] => BenchCommand.Run(rest, Console.Out, Console.Error),
    ["worker", .. var rest] => await RunWorkerAsync(rest),
    _ => await RunNodeAsync(args),
};

static async Task<int> RunWorkerAsync(string[] args)
{
    using var signals = new StopSignals();
    return await WorkerCommand.RunAsync(args, Console.Out, Console.Error, TimeProvider.System, signals.Token);
}

static async Task<int> RunNodeAsync(string[] args)
{
    using var signals = new StopSignals();

    // Piped input keeps bytes that are not UTF-8 recognisable, so `mine` can refuse them.
    using var input = Console.IsInputRedirected ? new Utf8LineReader(Console.OpenStandardInput()) : Console.In;

    // Proto.Actor's log is process-wide: set once here (--log-level), flushed at the end.
    IDisposable? protoLog = null;
    try
    {
        return await NodeCommand.RunAsync(
            args, input, Console.Out, Console.Error, options => MiningDevices.Open(options.Device, options.CpuThreads), interactive: !Console.IsInputRedirected, signals.Token,
            level => protoLog = ProtoLogging.ToStandardError(level));
    }
    finally
    {
        protoLog?.Dispose();
    }
}
