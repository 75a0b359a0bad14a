using System.Globalization;
using System.Text;

namespace Beamchain.Node.Shell;

/// <summary>
/// Parses the node's command line (<c>--name value</c> or <c>--name=value</c>). To add an
/// option, add a row to <see cref="Options"/> and a property to <see cref="NodeOptions"/>.
/// </summary>
public static class NodeOptionsParser
{
    public static IReadOnlyList<NodeOption> Options { get; } =
    [
        new("--name", "<name>", "this node's name (default: node); also names its default data directory",
            (o, v) => IsNodeName(v) ? ParsedOptions.Ok(o with { NodeName = v }) : ParsedOptions.Fail($"--name takes letters, digits, '-', '_' and '.', got '{v}'")),
        new("--data-dir", "<folder>", "where this node keeps its blocks (default: beamchain/<name> under the user's local data folder)",
            (o, v) => v.Length > 0 ? ParsedOptions.Ok(o with { DataDirectory = v }) : ParsedOptions.Fail("--data-dir needs a folder")),
        new("--trust-store", null, "at start, check stored blocks' links but not their proof of work",
            (o, _) => ParsedOptions.Ok(o with { TrustStore = true })),
        new("--block-time", "<duration>", "how long the cluster should take per block, e.g. 5s, 500ms, 2m (default: 5s)",
            (o, v) => TryParseDuration(v, out var time) ? ParsedOptions.Ok(o with { BlockTime = time }) : ParsedOptions.Fail($"--block-time needs a positive duration such as 5s, 500ms or 2m, got '{v}'")),
        new("--help", null, "print these options and exit",
            (o, _) => ParsedOptions.Ok(o with { ShowHelp = true })),
    ];

    public static ParsedOptions Parse(IReadOnlyList<string> args)
    {
        var options = new NodeOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = SplitInlineValue(args[i]);
            var option = Options.FirstOrDefault(o => o.Name == name);
            if (option is null)
            {
                return ParsedOptions.Fail(name.StartsWith('-') ? $"unknown option '{name}'" : $"unexpected argument '{args[i]}'");
            }

            string value;
            if (!option.TakesValue)
            {
                if (inlineValue is not null)
                {
                    return ParsedOptions.Fail($"{name} takes no value");
                }

                value = "";
            }
            else if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                return ParsedOptions.Fail($"{name} needs a value: {name} {option.ValueName}");
            }

            var applied = option.Apply(options, value);
            if (!applied.Succeeded)
            {
                return applied;
            }

            options = applied.Options;
        }

        return ParsedOptions.Ok(options);
    }

    public static string Usage()
    {
        var text = new StringBuilder("usage: beamchain [options]       start a node and its prompt\n       beamchain bench [...]     measure hashing\n\noptions:\n");
        var width = Options.Max(o => Label(o).Length);
        foreach (var option in Options)
        {
            text.Append("  ").Append(Label(option).PadRight(width + 2)).Append(option.Description).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A positive duration: a number with unit ms, s, m or h (plain numbers are seconds).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var units = new (string Suffix, double Seconds)[] { ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("", 1) };
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                && number > 0)
            {
                duration = TimeSpan.FromSeconds(number * seconds);
                return duration > TimeSpan.Zero;
            }
        }

        return false;
    }

    private static bool IsNodeName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static (string Name, string? Value) SplitInlineValue(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static string Label(NodeOption option) => option.TakesValue ? $"{option.Name} {option.ValueName}" : option.Name;
}
