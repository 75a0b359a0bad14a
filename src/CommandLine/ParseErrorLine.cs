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
                : token.StartsWith('-') ? $"unknown option '{token}'" + (Suggest(parsed, token) is { } near ? $" (did you mean {near}?)" : "")
                : $"unexpected argument '{token}'";
        }

        return first.Message;
    }

    // The command's option an unknown one most likely meant: one whose name holds it as whole words
    // ("--threads" → "--cpu-threads"), else one at most two letters away ("--lease-tme" → "--lease-time").
    private static string? Suggest(ParseResult parsed, string token)
    {
        var given = token.Split('=')[0];
        if (!given.StartsWith("--", StringComparison.Ordinal) || given.Length < 4)
        {
            return null;
        }

        var names = parsed.CommandResult.Command.Options
            .SelectMany(o => o.Aliases.Prepend(o.Name))
            .Where(n => n.StartsWith("--", StringComparison.Ordinal) && n != given)
            .Distinct()
            .ToArray();
        var words = $"-{given[2..]}-";
        return names.FirstOrDefault(n => $"-{n[2..]}-".Contains(words, StringComparison.Ordinal))
            ?? names.Select(n => (Name: n, Distance: EditDistance(n, given))).Where(c => c.Distance <= 2).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
    }

    // Levenshtein distance: insertions, deletions and substitutions.
    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
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
