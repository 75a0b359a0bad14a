using System.CommandLine;
using Beamchain.CommandLine;

namespace Beamchain.Bench;

/// <summary>An <c>--name &lt;duration&gt;</c> option in the one duration syntax of every command (<see cref="Duration"/>), within bounds; read it with <see cref="OptionValues.ValueOr"/> and the default its help names.</summary>
public static class DurationOption
{
    public static Option<TimeSpan> Create(string name, string description, TimeSpan minimum, TimeSpan maximum, TimeSpan defaultValue)
    {
        var option = OptionValues.Read(name, "duration", $"{description}, e.g. {Duration.Examples} (default: {Format(defaultValue)}; from {Format(minimum)} to {Format(maximum)})", (string text, out TimeSpan value, out string error) =>
        {
            var ok = OptionValues.Duration(name)(text, out value, out error) && value >= minimum && value <= maximum;
            error = ok ? "" : $"{name} needs a duration from {Format(minimum)} to {Format(maximum)} such as {Duration.Examples}, got '{text}'";
            return ok;
        });
        return option;
    }

    /// <summary>"90s" or "2m": how help and errors show a bound.</summary>
    private static string Format(TimeSpan duration) =>
        duration.TotalSeconds % 60 == 0 && duration >= TimeSpan.FromMinutes(1) ? $"{duration.TotalMinutes:0}m" : $"{duration.TotalSeconds:0.###}s";
}
