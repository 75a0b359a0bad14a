using System.Globalization;

namespace Beamchain.Node.Bench;

/// <summary>
/// The command lines of <c>bench-cluster</c> and <c>bench-faults</c>: <c>--name N</c> pairs
/// with whole-number values, each name known in advance, or <c>--help</c>.
/// </summary>
public sealed class IntegerArguments
{
    private readonly Dictionary<string, int> _values;

    private IntegerArguments(Dictionary<string, int> values, bool help)
    {
        _values = values;
        Help = help;
    }

    /// <summary>True when <c>--help</c> or <c>-h</c> was given: print the usage and run nothing.</summary>
    public bool Help { get; }

    public int this[string name] => _values[name];

    /// <summary>
    /// Reads <paramref name="args"/> against <paramref name="defaults"/> (name → value when
    /// absent); an unknown name, a missing value or one that is not a whole number is refused.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> args, IReadOnlyDictionary<string, int> defaults, out IntegerArguments parsed, out string? error)
    {
        var values = new Dictionary<string, int>(defaults, StringComparer.Ordinal);
        parsed = new IntegerArguments(values, help: false);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                parsed = new IntegerArguments(values, help: true);
                return true;
            }

            if (!defaults.ContainsKey(name))
            {
                error = $"unknown option '{name}'";
                return false;
            }

            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                error = $"{name} needs a whole number{(i + 1 < args.Count ? $", not '{args[i + 1]}'" : "")}";
                return false;
            }

            values[name] = value;
            i++;
        }

        return true;
    }

    /// <summary>
    /// Parses like <see cref="TryParse"/> for the command <paramref name="command"/>; on
    /// <c>--help</c> prints <paramref name="usage"/> (exit 0), on bad input what was wrong and
    /// the usage (exit 2). <c>Exit</c> is null when the command should run with <c>Parsed</c>.
    /// </summary>
    public static async Task<(IntegerArguments Parsed, int? Exit)> ReadAsync(
        string command, string usage, IReadOnlyList<string> args, IReadOnlyDictionary<string, int> defaults, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, defaults, out var parsed, out var problem))
        {
            await error.WriteLineAsync($"beamchain {command}: {problem}\n{usage}");
            return (parsed, 2);
        }

        if (parsed.Help)
        {
            await output.WriteLineAsync(usage);
            return (parsed, 0);
        }

        return (parsed, null);
    }
}
