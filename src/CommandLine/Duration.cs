using System.Globalization;

namespace Beamchain.CommandLine;

/// <summary>
/// The one way every command line here writes a length of time: numbers each followed by a unit,
/// <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c> — <c>500ms</c>, <c>5s</c>, <c>1.5s</c>, <c>2m</c>, <c>1m30s</c>
/// (Go's and Consul's form, without its rarely typed <c>ns</c> and <c>us</c>). A bare number is refused:
/// whether <c>5</c> meant seconds or milliseconds is exactly the mistake a unit prevents.
/// </summary>
public static class Duration
{
    public const string Examples = "500ms, 5s, 2m or 1m30s";

    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var rest = text.AsSpan();
        if (rest.IsEmpty)
        {
            return false;
        }

        decimal ticks = 0;
        while (!rest.IsEmpty)
        {
            var numberLength = rest.IndexOfAnyExcept("0123456789.");
            if (numberLength <= 0
                || !decimal.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            rest = rest[numberLength..];
            var unitLength = rest.IndexOfAny("0123456789.");
            var unit = (unitLength < 0 ? rest : rest[..unitLength]).ToString();
            var match = Array.FindIndex(Units, u => u.Unit == unit);
            if (match < 0)
            {
                return false;
            }

            ticks += number * Units[match].Ticks;
            rest = rest[unit.Length..];
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }
        }

        duration = TimeSpan.FromTicks((long)decimal.Round(ticks, MidpointRounding.AwayFromZero));
        return true;
    }
}
