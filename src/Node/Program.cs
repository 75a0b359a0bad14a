using Beamchain.Node.Bench;
using Beamchain.Node.Devices;
using Beamchain.Node.Faults;
using Beamchain.Node.Shell;
using Beamchain.Node.Text;

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

    // Piped input keeps bytes that are not UTF-8 recognisable, so `mine` can refuse them.
    using var input = Console.IsInputRedirected ? new Utf8LineReader(Console.OpenStandardInput()) : Console.In;
    return await NodeCommand.RunAsync(
        args, input, Console.Out, Console.Error, options => MiningDevices.Open(options.Device, options.CpuThreads), interactive: !Console.IsInputRedirected, signals.Token);
}
