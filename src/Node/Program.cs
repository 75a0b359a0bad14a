using Beamchain.Node.Bench;
using Beamchain.Node.Devices;
using Beamchain.Node.Shell;

// `beamchain bench …` measures hashing, `bench-cluster` the dispenser and block latency;
// anything else starts a node and its prompt.
return args switch
{
    ["bench", .. var rest] => BenchCommand.Run(rest, Console.Out, Console.Error),
    ["bench-cluster", .. var rest] => await ClusterBench.RunAsync(rest, Console.Out, Console.Error),
    _ => await NodeCommand.RunAsync(
        args, Console.In, Console.Out, Console.Error, options => MiningDevices.Open(options.Device, options.CpuThreads), interactive: !Console.IsInputRedirected),
};
