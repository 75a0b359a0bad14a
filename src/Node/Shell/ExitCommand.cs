namespace Beamchain.Node.Shell;

public sealed class ExitCommand : IShellCommand
{
    public string Name => "exit";

    public string Usage => "exit";

    public string Summary => "stop the node (the end of standard input does too)";

    public Task<CommandOutcome> RunAsync(string arguments, ShellConsole console, CancellationToken cancellationToken) =>
        Task.FromResult(CommandOutcome.Exit);
}
