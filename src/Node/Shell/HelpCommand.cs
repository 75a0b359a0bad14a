namespace Beamchain.Node.Shell;

public sealed class HelpCommand(CommandTable commands) : IShellCommand
{
    public string Name => "help";

    public string Usage => "help";

    public string Summary => "list the commands";

    public async Task<CommandOutcome> RunAsync(string arguments, ShellConsole console, CancellationToken cancellationToken)
    {
        var width = commands.Commands.Max(c => c.Usage.Length);
        foreach (var command in commands.Commands)
        {
            await console.Out.WriteLineAsync($"  {command.Usage.PadRight(width)}  {command.Summary}");
        }

        return CommandOutcome.Done;
    }
}
