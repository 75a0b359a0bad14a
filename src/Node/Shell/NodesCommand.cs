using Beamchain.Node.Cluster;

namespace Beamchain.Node.Shell;

/// <summary><c>nodes</c>: the cluster's members as this node sees them, each with the name it gossiped.</summary>
public sealed class NodesCommand(ClusterNode node) : IShellCommand
{
    // The local gossip actor answers at once; without it the members are listed by address only.
    private static readonly TimeSpan NamesTimeout = TimeSpan.FromSeconds(2);

    public string Name => "nodes";

    public string Usage => "nodes";

    public string Summary => "list the cluster's members and their names (this one marked *)";

    public async Task<CommandOutcome> RunAsync(string arguments, ShellConsole console, CancellationToken cancellationToken)
    {
        if (await NoArguments.RefusedAsync(Name, arguments, console))
        {
            return CommandOutcome.Failed;
        }

        foreach (var member in await node.NamedMembersAsync(NamesTimeout, cancellationToken))
        {
            await console.Out.WriteLineAsync($"{(member.Address == node.Address ? "*" : " ")} {member.Address}{(member.Name.Length > 0 ? $"  {member.Name}" : "")}");
        }

        return CommandOutcome.Done;
    }
}
