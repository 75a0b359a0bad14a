using System.CommandLine;
using Beamchain.CommandLine;
using Beamchain.Node.Bench;
using Beamchain.Node.Shell;
using Beamchain.Node.Worker;

namespace Beamchain.Node.Cli;

/// <summary>
/// The whole command line of <c>beamchain</c>: without a subcommand it starts a node and its
/// prompt (<see cref="NodeCommandLine"/>); <c>bench</c> measures hashing; <c>worker</c> mines as a
/// volunteer. <c>-h</c>/<c>--help</c> on each prints its usage (exit 0); bad input prints one line
/// naming the option (exit 2) before anything starts.
/// </summary>
public static class BeamchainCli
{
    public const string Name = "beamchain";

    public static Command Create(CliHost host)
    {
        var node = new NodeCommandLine();
        var root = CommandLineRun.Root(Name, "Start a Beamchain node and its prompt (mine <data>, read, status, nodes, help, exit); commands also come from standard input.");
        foreach (var option in node.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(new BenchCommandLine().Create(host.Discover));
        root.Subcommands.Add(new WorkerCommandLine().Create(host.Time, host.CreateLogging, host.Stop));
        root.SetAction(parsed => NodeCommand.RunAsync(
            node.Read(parsed), host.Input, parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, host.OpenDevices, host.Interactive, host.Stop, host.CreateLogging));
        return root;
    }

    public static Task<int> RunAsync(IReadOnlyList<string> args, CliHost host, TextWriter output, TextWriter error) =>
        CommandLineRun.RunAsync(Create(host), args, output, error, host.Stop);
}
