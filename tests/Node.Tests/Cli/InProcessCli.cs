using Beamchain.Kernels.Devices;
using Beamchain.Kernels.Search;
using Beamchain.Node.Cli;
using Beamchain.Node.Shell;

namespace Beamchain.Node.Tests.Cli;

/// <summary>Runs <c>beamchain</c>'s command line in this process, with piped input and the devices a test chooses.</summary>
internal static class InProcessCli
{
    private static readonly DeviceCatalog CpuOnly = new([DeviceCatalog.DescribeCpu()]);

    public static Task<int> RunAsync(
        IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, Func<NodeOptions, IReadOnlyList<INonceSearcher>>? openDevices = null, CancellationToken stop = default) =>
        BeamchainCli.RunAsync(args, new CliHost(input, Interactive: false, openDevices ?? (_ => []), () => CpuOnly, TimeProvider.System, null, stop), output, error);
}
