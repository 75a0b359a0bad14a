using Beamchain.Node.Cluster;

namespace Beamchain.Node.Shell;

/// <summary><c>nodes</c>: the cluster's members as this node sees them.</summary>
public sealed class NodesCommand(ClusterNode node) : IShellCommand
{
    public string Name => "nodes";

    public string Usage => "nodes";

    public string Summary => "list the cluster's members (this one marked *)";

    public async Task<CommandOutcome> RunAsync(string arguments, ShellConsole console, CancellationToken cancellationToken)
    {
        if (await NoArguments.RefusedAsync(Name, arguments, console))
        {
            return CommandOutcome.Failed;
        }

        foreach (var member in node.Members)
        {
            await console.Out.WriteLineAsync($"{(member == node.Address ? "*" : " ")} {member}");
        }

        return CommandOutcome.Done;
    }
}
