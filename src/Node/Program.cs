using Beamchain.Node.Bench;
using Beamchain.Node.Devices;
using Beamchain.Node.Logging;
using Beamchain.Node.Shell;
using Beamchain.Node.Text;
using Beamchain.Node.Worker;
using Microsoft.Win32.SafeHandles;

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

    // Standard input as bytes, from a terminal as from a pipe: Console.In (and OpenStandardInput on a terminal) decode
    // UTF-8 with replacement, so `mine` could not refuse bytes that are not UTF-8. A terminal in its normal mode still
    // echoes and edits the line itself.
    using var input = new Utf8LineReader(new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0));

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
