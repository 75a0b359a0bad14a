using Beamchain.Node.Bench;
using Beamchain.Node.Devices;
using Beamchain.Node.Faults;
using Beamchain.Node.Shell;
using Beamchain.Node.Text;
using Beamchain.Node.Worker;

// `beamchain bench …` measures hashing, `bench-cluster` the dispenser and block latency,
// `bench-faults` rounds of random kills during mining, `worker` mines as a volunteer through a gateway;
// anything else starts a node and its prompt.
return args switch
{
    ["bench", .. var rest] => BenchCommand.Run(rest, Console.Out, Console.Error),
    ["bench-cluster", .. var rest] => await ClusterBench.RunAsync(rest, Console.Out, Console.Error),
    ["bench-chain", .. var rest] => await ChainBench.RunAsync(rest, Console.Out, Console.Error),
    ["bench-faults", .. var rest] => await FaultRounds.RunAsync(rest, Console.Out, Console.Error),
    ["bench-grid", .. var rest] => await GridBench.RunAsync(rest, Console.Out, Console.Error),
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
    return await NodeCommand.RunAsync(
        args, input, Console.Out, Console.Error, options => MiningDevices.Open(options.Device, options.CpuThreads), interactive: !Console.IsInputRedirected, signals.Token);
}
