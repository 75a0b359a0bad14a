using Beamchain.Kernels.Devices;
using Beamchain.Node.Bench;
using Beamchain.Node.Cli;
using Beamchain.Node.Devices;
using Beamchain.Node.Faults;
using Beamchain.Node.Logging;
using Beamchain.Node.Shell;
using Beamchain.Node.Text;

// `bench-cluster`, `bench-chain`, `bench-faults` and `bench-grid` are test tools on their way out
// of the product (into tests/); every other command line is BeamchainCli's.
switch (args)
{
    case ["bench-cluster", .. var rest]:
        return await ClusterBench.RunAsync(rest, Console.Out, Console.Error);
    case ["bench-chain", .. var rest]:
        return await ChainBench.RunAsync(rest, Console.Out, Console.Error);
    case ["bench-faults", .. var rest]:
        return await FaultRounds.RunAsync(rest, Console.Out, Console.Error);
    case ["bench-grid", .. var rest]:
        return await GridBench.RunAsync(rest, Console.Out, Console.Error);
}

using var signals = new StopSignals();

// Piped input keeps bytes that are not UTF-8 recognisable, so `mine` can refuse them.
using var input = Console.IsInputRedirected ? new Utf8LineReader(Console.OpenStandardInput()) : Console.In;

// Standard error carries every diagnostic line, escaped (peers' words, block data) and whole.
var error = TextWriter.Synchronized(new EscapingWriter(Console.Error));

// The process's one logger factory, made once the command line has said the level (--log-level);
// Proto.Actor's process-wide log goes through it too. Flushed and unwired at the end.
ProtoLogSink? log = null;
try
{
    var host = new CliHost(
        input, Interactive: !Console.IsInputRedirected, options => MiningDevices.Open(options.Device, options.CpuThreads), DeviceCatalog.Discover, TimeProvider.System,
        level => (log = new ProtoLogSink(NodeLogging.Create(error, level, TimeProvider.System))).Factory, signals.Token);
    return await BeamchainCli.RunAsync(args, host, Console.Out, error);
}
finally
{
    log?.Dispose();
}
