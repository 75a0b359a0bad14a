using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Search;
using Beamchain.Node.Cli;
using Beamchain.Node.Logging;
using Beamchain.Node.Shell;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Tests.Cli;

/// <summary>Runs <c>beamchain</c>'s command line in this process, with piped input and the devices a test chooses.</summary>
internal static class InProcessCli
{
    private static readonly DeviceCatalog CpuOnly = new([DeviceCatalog.DescribeCpu()]);

    /// <summary>The node's log (its notices, Proto.Actor's warnings) goes to <paramref name="error"/> as it does to standard error.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, Func<NodeOptions, IReadOnlyList<INonceSearcher>>? openDevices = null, CancellationToken stop = default)
    {
        ILoggerFactory? logs = null;
        try
        {
            var host = new CliHost(input, Interactive: false, openDevices ?? (_ => []), () => CpuOnly, TimeProvider.System, level => logs = NodeLogging.Create(error, level, TimeProvider.System), stop);
            return await BeamchainCli.RunAsync(args, host, output, error);
        }
        finally
        {
            logs?.Dispose();
        }
    }
}
