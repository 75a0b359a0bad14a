using System.CommandLine;
using System.CommandLine.Help;

namespace Beamchain.CommandLine;

/// <summary>
/// Parses and runs a command line: <c>-h</c>/<c>--help</c> prints the command's usage (exit 0); bad
/// input prints one line naming what was wrong (exit <see cref="UsageExitCode"/>) and runs nothing.
/// </summary>
public static class CommandLineRun
{
    public const int UsageExitCode = 2;

    /// <summary>A top-level command named <paramref name="name"/> with <c>-h</c>/<c>--help</c> on it and every subcommand.</summary>
    public static Command Root(string name, string description)
    {
        var root = new Command(name, description);
        root.Options.Add(new HelpOption { Recursive = true });
        return root;
    }

    /// <summary>
    /// Parses <paramref name="args"/>; an empty inline value (<c>--cookie=</c>) is passed on as an empty
    /// value, so the option's own check says what is wrong with it instead of "needs a value".
    /// </summary>
    public static ParseResult Parse(Command root, IReadOnlyList<string> args) =>
        root.Parse(args.SelectMany(arg => arg.StartsWith("--", StringComparison.Ordinal) && arg.EndsWith('=') && arg.IndexOf('=') == arg.Length - 1
            ? new[] { arg[..^1], "" }
            : [arg]).ToArray());

    public static async Task<int> RunAsync(Command root, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parsed = Parse(root, args);
        if (parsed.Errors.Count > 0 && parsed.Action is not { ClearsParseErrors: true })
        {
            var command = string.Join(' ', parsed.CommandResult.Command.Parents.OfType<Command>().Reverse().Append(parsed.CommandResult.Command).Select(c => c.Name));
            await error.WriteLineAsync($"{command}: {ParseErrorLine.Describe(parsed)}; run '{command} --help' for the options");
            return UsageExitCode;
        }

        // Ctrl-C and SIGTERM are the commands' own business (they leave a cluster gracefully), so the library does not take them.
        return await parsed.InvokeAsync(
            new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null },
            cancellationToken);
    }
}
