using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Beamchain.Node.Tests.Web;

/// <summary>
/// A strict reader of Prometheus' text exposition format (version 0.0.4), written from the
/// format's description rather than taken from a library, so a test can tell whether
/// <c>/metrics</c> is what a Prometheus server accepts. It refuses what Prometheus would refuse and
/// a little more: a sample before its family's <c># TYPE</c>, a family split in two, a series
/// twice, a bad name, label or escape, a value that is not a float, a histogram whose buckets
/// are not cumulative or whose <c>+Inf</c> bucket is not its count, and text not ending in a newline.
/// </summary>
public static partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed record Exposition(IReadOnlyDictionary<string, string> Types, IReadOnlyList<Sample> Samples)
    {
        /// <summary>The one sample of <paramref name="name"/> whose labels include <paramref name="labels"/> ("k=v").</summary>
        public double Single(string name, params string[] labels) => Samples
            .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Split('=')[0], out var v) && v == l[(l.IndexOf('=') + 1)..]))
            .Select(s => s.Value)
            .Single();
    }

    private static readonly string[] Kinds = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static Exposition Parse(string text)
    {
        if (text.Length == 0 || text[^1] != '\n')
        {
            throw new FormatException("the exposition must end with a newline");
        }

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helped = new HashSet<string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        string? current = null;
        var lines = text[..^1].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var at = $"line {i + 1} ('{line}')";
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var comment = Comment().Match(line);
                if (!comment.Success)
                {
                    continue; // any other comment is allowed
                }

                var (keyword, name, rest) = (comment.Groups[1].Value, comment.Groups[2].Value, comment.Groups[3].Value);
                if (!MetricName().IsMatch(name))
                {
                    throw new FormatException($"{at}: '{name}' is not a metric name");
                }

                if (keyword == "TYPE")
                {
                    if (!Kinds.Contains(rest))
                    {
                        throw new FormatException($"{at}: unknown type '{rest}'");
                    }

                    if (!types.TryAdd(name, rest))
                    {
                        throw new FormatException($"{at}: a second TYPE for {name}");
                    }

                    Switch(ref current, name, finished, at);
                }
                else
                {
                    if (!helped.Add(name))
                    {
                        throw new FormatException($"{at}: a second HELP for {name}");
                    }

                    Unescape(rest, allowQuote: false, at);
                }

                continue;
            }

            var sample = ParseSample(line, at);
            var family = FamilyOf(sample.Name, types) ?? throw new FormatException($"{at}: no TYPE line came before {sample.Name}");
            if (family != current)
            {
                Switch(ref current, family, finished, at);
            }

            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            if (!series.Add(key))
            {
                throw new FormatException($"{at}: the series {key} appears twice");
            }

            samples.Add(sample);
        }

        CheckHistograms(types, samples);
        return new Exposition(types, samples);
    }

    private static void Switch(ref string? current, string family, HashSet<string> finished, string at)
    {
        if (current == family)
        {
            return;
        }

        if (!finished.Add(family))
        {
            throw new FormatException($"{at}: the samples of {family} are split by another family");
        }

        current = family;
    }

    private static string? FamilyOf(string sampleName, Dictionary<string, string> types)
    {
        if (types.ContainsKey(sampleName))
        {
            return sampleName;
        }

        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(sampleName[..^suffix.Length], out var type) && type is "histogram" or "summary")
            {
                return sampleName[..^suffix.Length];
            }
        }

        return null;
    }

    private static Sample ParseSample(string line, string at)
    {
        var name = LeadingName().Match(line);
        if (!name.Success)
        {
            throw new FormatException($"{at}: a sample must start with a metric name");
        }

        var position = name.Length;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var label = LabelName().Match(line, position);
                if (!label.Success || label.Index != position || line.Length <= position + label.Length + 1 || line[position + label.Length] != '=' || line[position + label.Length + 1] != '"')
                {
                    throw new FormatException($"{at}: expected label=\"value\" at column {position + 1}");
                }

                position += label.Length + 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (position >= line.Length)
                    {
                        throw new FormatException($"{at}: a label value is never closed");
                    }

                    var c = line[position++];
                    if (c == '"')
                    {
                        break;
                    }

                    value.Append(c);
                    if (c == '\\')
                    {
                        value.Append(line[position++]);
                    }
                }

                if (!labels.TryAdd(label.Value, Unescape(value.ToString(), allowQuote: true, at)))
                {
                    throw new FormatException($"{at}: label {label.Value} twice");
                }

                if (line[position] == ',')
                {
                    position++;
                }
                else if (line[position] != '}')
                {
                    throw new FormatException($"{at}: expected ',' or '}}' at column {position + 1}");
                }
            }

            position++;
        }

        var fields = line[position..].Split(' ');
        if (fields.Length is < 2 or > 3 || fields[0].Length != 0 || fields.Skip(1).Any(f => f.Length == 0))
        {
            throw new FormatException($"{at}: expected one space, a value and an optional timestamp after the series");
        }

        var number = fields[1] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v when FloatValue().IsMatch(v) => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            var v => throw new FormatException($"{at}: '{v}' is not a float value"),
        };
        if (fields.Length == 3 && !long.TryParse(fields[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"{at}: '{fields[2]}' is not a timestamp in milliseconds");
        }

        return new Sample(name.Value, labels, number);
    }

    private static string Unescape(string text, bool allowQuote, string at)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }

            result.Append(++i < text.Length ? text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when allowQuote => '"',
                var other => throw new FormatException($"{at}: '\\{other}' is not an escape the format allows"),
            } : throw new FormatException($"{at}: a lone backslash"));
        }

        return result.ToString();
    }

    private static void CheckHistograms(Dictionary<string, string> types, List<Sample> samples)
    {
        foreach (var family in types.Where(t => t.Value == "histogram").Select(t => t.Key))
        {
            var buckets = samples.Where(s => s.Name == family + "_bucket")
                .GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
            foreach (var one in buckets)
            {
                var ordered = one.Select(b => (Le: b.Labels.TryGetValue("le", out var le) ? le : throw new FormatException($"{family}_bucket without le"), b.Value))
                    .Select(b => (Bound: b.Le == "+Inf" ? double.PositiveInfinity : double.Parse(b.Le, CultureInfo.InvariantCulture), b.Value))
                    .OrderBy(b => b.Bound)
                    .ToArray();
                if (!double.IsPositiveInfinity(ordered[^1].Bound))
                {
                    throw new FormatException($"{family}{{{one.Key}}} has no +Inf bucket");
                }

                for (var i = 1; i < ordered.Length; i++)
                {
                    if (ordered[i].Value < ordered[i - 1].Value)
                    {
                        throw new FormatException($"{family}{{{one.Key}}}: buckets are not cumulative at le={ordered[i].Bound}");
                    }
                }

                var count = samples.Single(s => s.Name == family + "_count" && string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) == one.Key);
                if (count.Value != ordered[^1].Value)
                {
                    throw new FormatException($"{family}{{{one.Key}}}: the +Inf bucket ({ordered[^1].Value}) is not the count ({count.Value})");
                }
            }
        }
    }

    [GeneratedRegex(@"^# (HELP|TYPE) (\S+) ?(.*)$")]
    private static partial Regex Comment();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex LeadingName();

    [GeneratedRegex("[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex FloatValue();
}
