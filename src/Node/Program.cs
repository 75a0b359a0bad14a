using Beamchain.Node.Bench;
using Beamchain.Node.Devices;
using Beamchain.Node.Shell;

// `beamchain bench …` measures hashing; anything else starts a node and its prompt.
return args.Length > 0 && args[0] == "bench"
    ? BenchCommand.Run(args[1..], Console.Out, Console.Error)
    : await NodeCommand.RunAsync(
        args, Console.In, Console.Out, Console.Error, options => MiningDevices.Open(options.Device, options.CpuThreads), interactive: !Console.IsInputRedirected);
