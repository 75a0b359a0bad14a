using Beamchain.Node.Bench;
using Beamchain.Node.Shell;

// `beamchain bench …` measures hashing; anything else starts a node and its prompt.
// Devices: until the kernels' device selection (src/Node/Devices) is merged, a node starts without miners.
return args.Length > 0 && args[0] == "bench"
    ? BenchCommand.Run(args[1..], Console.Out, Console.Error)
    : await NodeCommand.RunAsync(args, Console.In, Console.Out, Console.Error, _ => [], interactive: !Console.IsInputRedirected);
