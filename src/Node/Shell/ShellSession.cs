using Beamchain.Node.Text;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Shell;

/// <summary>
/// Reads command lines until <c>exit</c> or the end of input and dispatches each to its
/// command. Shows a prompt only when a person is typing. When commands come from a pipe or
/// a file, the exit status is 1 if any of them failed, so scripts notice. Cancelling the
/// token (Ctrl-C, SIGTERM) ends the session like <c>exit</c>, even mid-read or mid-command.
/// </summary>
public sealed class ShellSession(CommandTable commands, ShellConsole console, bool interactive)
{
    public const string Prompt = "beamchain> ";

    // A mistyped command is a word; anything longer is cut when echoed.
    private const int UnknownCommandEcho = 40;

    /// <summary>True when the session ended on <c>exit</c> rather than at the end of its input.</summary>
    public bool ExitRequested { get; private set; }

    public async Task<int> RunAsync(TextReader input, CancellationToken cancellationToken)
    {
        var failed = false;
        while (true)
        {
            if (interactive)
            {
                await console.Out.WriteAsync(Prompt);
                await console.Out.FlushAsync(cancellationToken);
            }

            string? line;
            CommandOutcome outcome;
            try
            {
                // Console.In reads block their caller and ignore the token: read on the pool, and let the wait observe the token.
                line = await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);
                if (line is null)
                {
                    break;
                }

                outcome = await DispatchAsync(line.Trim(), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                outcome = CommandOutcome.Exit;
            }

            if (outcome == CommandOutcome.Exit)
            {
                ExitRequested = true;
                break;
            }

            failed |= outcome == CommandOutcome.Failed;
        }

        return failed && !interactive ? 1 : 0;
    }

    private async Task<CommandOutcome> DispatchAsync(string line, CancellationToken cancellationToken)
    {
        if (line.Length == 0)
        {
            return CommandOutcome.Done;
        }

        var space = line.IndexOfAny([' ', '\t']);
        var name = space < 0 ? line : line[..space];
        var arguments = space < 0 ? "" : line[(space + 1)..].TrimStart();
        if (!commands.TryGet(name, out var command))
        {
            console.Log.LogWarning($"unknown command '{PrintableText.Echo(name, UnknownCommandEcho)}'; type help to list the commands");
            return CommandOutcome.Failed;
        }

        return await command.RunAsync(arguments, console, cancellationToken);
    }
}
