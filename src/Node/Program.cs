using Beamchain.Kernels.Devices;
using Beamchain.Node.Cli;
using Beamchain.Node.Devices;
using Beamchain.Node.Logging;
using Beamchain.Node.Shell;
using Beamchain.Node.Text;
using Microsoft.Win32.SafeHandles;

// Every command line (the node, `bench`, `worker`) is BeamchainCli's. (The benchmarks that start
// and kill nodes are in tests/Bench.)
using var signals = new StopSignals();

// Standard input as bytes, from a terminal as from a pipe: Console.In (and OpenStandardInput on a terminal) decode
// UTF-8 with replacement, so `mine` could not refuse bytes that are not UTF-8. A terminal in its normal mode still
// echoes and edits the line itself.
using var input = new Utf8LineReader(new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0));

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
