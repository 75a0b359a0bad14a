using System.CommandLine;
using System.CommandLine.Parsing;

namespace Beamchain.CommandLine;

/// <summary>
/// The first thing wrong with a command line, as one line that names the option or argument:
/// System.CommandLine's messages for the common slips are put in the words our users already know.
/// </summary>
public static class ParseErrorLine
{
    public static string Describe(ParseResult parsed)
    {
        var first = parsed.Errors[0];
        if (first.SymbolResult is OptionResult { IdentifierToken: null, Option: { Required: true } required })
        {
            return $"{required.Name} is required: {required.Name} <{required.HelpName ?? "value"}>";
        }

        if (first.SymbolResult is OptionResult { Tokens.Count: 0, Option: { Arity.MinimumNumberOfValues: > 0 } option })
        {
            return $"{option.Name} needs a value: {option.Name} <{option.HelpName ?? "value"}>";
        }

        if (first.SymbolResult is CommandResult && parsed.UnmatchedTokens.Count > 0)
        {
            var token = parsed.UnmatchedTokens[0];
            return FlagGivenValue(parsed, token) is { } flag ? $"{flag} takes no value"
                : token.StartsWith('-') ? $"unknown option '{token}'"
                : $"unexpected argument '{token}'";
        }

        return first.Message;
    }

    // "--trust-store=yes" or "--trust-store yes": the value was left over because the switch takes none.
    private static string? FlagGivenValue(ParseResult parsed, string token)
    {
        var args = parsed.Tokens.Select(t => t.Value).ToArray();
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].IndexOf('=') is > 0 and var equals ? (args[i][..equals], args[i][(equals + 1)..]) : (args[i], null);
            var isFlag = parsed.CommandResult.Command.Options.Concat(parsed.RootCommandResult.Command.Options)
                .Any(o => o.Arity.MaximumNumberOfValues == 0 && (o.Name == name || o.Aliases.Contains(name)));
            if (isFlag && (inline == token || inline is null && i + 1 < args.Length && args[i + 1] == token))
            {
                return name;
            }
        }

        return null;
    }
}
