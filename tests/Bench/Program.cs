using Beamchain.Bench;

return await BenchCommandLine.RunAsync(args, Console.Out, Console.Error);
