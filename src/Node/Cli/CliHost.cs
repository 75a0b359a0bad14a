using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Search;
using Beamchain.Node.Shell;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Cli;

/// <summary>
/// What the process gives its commands: the node's input (and whether a person types it), how
/// devices are found and opened, the clock, how the process's one logger factory is made once
/// the command line has said the level (the maker owns and disposes it), and the stop signal
/// (Ctrl-C, SIGTERM). Tests give their own.
/// </summary>
public sealed record CliHost(
    TextReader Input,
    bool Interactive,
    Func<NodeOptions, IReadOnlyList<INonceSearcher>> OpenDevices,
    Func<DeviceCatalog> Discover,
    TimeProvider Time,
    Func<LogLevel, ILoggerFactory>? CreateLogging,
    CancellationToken Stop);
