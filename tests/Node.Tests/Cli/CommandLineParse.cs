using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Beamchain.CommandLine;

namespace Beamchain.Node.Tests.Cli;

/// <summary>
/// A command line parsed against one command's options, as the process would: the options read,
/// or the one line it would print for bad input.
/// </summary>
internal sealed record CommandLineParse<T>(T? Options, string? Error) where T : class
{
    [MemberNotNullWhen(true, nameof(Options))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Options is not null;

    public static CommandLineParse<T> Of(IReadOnlyList<Option> options, Func<ParseResult, T> read, params string[] args)
    {
        var command = new Command("test");
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        var parsed = CommandLineRun.Parse(command, args);
        return parsed.Errors.Count > 0 ? new(null, ParseErrorLine.Describe(parsed)) : new(read(parsed), null);
    }
}
