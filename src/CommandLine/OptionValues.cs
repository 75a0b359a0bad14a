using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Beamchain.CommandLine;

/// <summary>
/// Options whose values our own readers check, so a bad value is a parse error in our words
/// (<c>--port takes a number from 0 to 65535, got 'x'</c>) rather than a type-conversion message.
/// </summary>
public static class OptionValues
{
    /// <summary>
    /// An option taking one value, read by <paramref name="read"/>. It has no default of its own (the
    /// description says it in words, and the help shows no machine-formatted copy): read it with
    /// <see cref="ValueOr"/>. Given more than once, the last value counts (a script adds to a command
    /// line it was handed), and every value is checked.
    /// </summary>
    public static Option<T> Read<T>(string name, string helpName, string description, ValueReader<T> read) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result => ReadLast(result, read),
    };

    /// <summary>The option's value when it was given, else <paramref name="fallback"/>.</summary>
    public static T ValueOr<T>(this ParseResult parsed, Option<T> option, T fallback) =>
        parsed.GetResult(option) is null ? fallback : parsed.GetValue(option)!;

    /// <summary>An option that may be given several times (<c>--grid-token a --grid-token b</c>), each value read by <paramref name="read"/>.</summary>
    public static Option<IReadOnlyList<T>> Repeated<T>(string name, string helpName, string description, ValueReader<T> read) => new(name)
    {
        HelpName = helpName,
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            var values = new List<T>();
            foreach (var token in result.Tokens)
            {
                if (!read(token.Value, out var value, out var error))
                {
                    result.AddError(error);
                    return [];
                }

                values.Add(value);
            }

            return values;
        },
    };

    /// <summary>A switch: present or not, never with a value.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A TCP port, 0 to 65535 (0: the system picks a free one).</summary>
    public static ValueReader<int> Port(string name) => (string text, out int port, out string error) =>
        Whole(text, 0, 65535, out port, out error, $"{name} takes a number from 0 to 65535, got '{text}'");

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static ValueReader<int> WholeNumber(string name, int minimum, int maximum = int.MaxValue) => (string text, out int number, out string error) =>
        Whole(text, minimum, maximum, out number, out error,
            maximum == int.MaxValue ? $"{name} takes a whole number of at least {minimum}, got '{text}'" : $"{name} takes a whole number from {minimum} to {maximum}, got '{text}'");

    /// <summary>A <see cref="Duration"/> longer than zero, or of zero or more with <paramref name="allowZero"/>.</summary>
    public static ValueReader<TimeSpan> Duration(string name, bool allowZero = false) => (string text, out TimeSpan duration, out string error) =>
    {
        if (CommandLine.Duration.TryParse(text, out duration) && (allowZero || duration > TimeSpan.Zero))
        {
            error = "";
            return true;
        }

        error = $"{name} needs a{(allowZero ? "" : " positive")} duration such as {CommandLine.Duration.Examples}, got '{text}'";
        return false;
    };

    /// <summary>One of <typeparamref name="TEnum"/>'s names, in any case. Only a whole name: not a number, not a list.</summary>
    public static ValueReader<TEnum> OneOf<TEnum>(string name) where TEnum : struct, Enum => (string text, out TEnum value, out string error) =>
    {
        var match = Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        value = match is null ? default : Enum.Parse<TEnum>(match);
        if (match is not null)
        {
            error = "";
            return true;
        }

        error = $"{name} is one of {string.Join(", ", Enum.GetNames<TEnum>()).ToLowerInvariant()}; got '{text}'";
        return false;
    };

    /// <summary>Any text that is not empty.</summary>
    public static ValueReader<string> Text(string name, string what) => (string text, out string value, out string error) =>
    {
        (value, error) = (text, text.Length > 0 ? "" : $"{name} needs {what}");
        return text.Length > 0;
    };

    private static bool Whole(string text, int minimum, int maximum, out int number, out string error, string message)
    {
        var ok = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number) && number >= minimum && number <= maximum;
        error = ok ? "" : message;
        return ok;
    }

    private static T ReadLast<T>(ArgumentResult result, ValueReader<T> read)
    {
        if (result.Tokens.Count == 0)
        {
            result.AddError($"{result.Argument.Name} needs a value");
            return default!;
        }

        T value = default!;
        foreach (var token in result.Tokens)
        {
            if (!read(token.Value, out value, out var error))
            {
                result.AddError(error);
                return default!;
            }
        }

        return value;
    }
}
