using System.Globalization;

namespace Beamchain.ConsulDouble;

/// <summary>Reads Go duration strings ("10s", "1m30s", "500ms", "1.5h") as Consul's agent does.</summary>
public static class GoDuration
{
    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("ns", 0), ("us", TimeSpan.TicksPerMicrosecond), ("µs", TimeSpan.TicksPerMicrosecond), ("μs", TimeSpan.TicksPerMicrosecond),
        ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses <paramref name="text"/>; negative durations are refused, since no Consul field takes one.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var rest = text.AsSpan();
        if (rest[0] == '+')
        {
            rest = rest[1..];
        }

        if (rest is "0")
        {
            return true;
        }

        decimal ticks = 0;
        while (!rest.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0
                || !decimal.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            rest = rest[numberLength..];
            var unitLength = 0;
            while (unitLength < rest.Length && !char.IsAsciiDigit(rest[unitLength]) && rest[unitLength] != '.')
            {
                unitLength++;
            }

            var unit = rest[..unitLength].ToString();
            var match = Array.FindIndex(Units, u => u.Unit == unit);
            if (match < 0)
            {
                return false;
            }

            // Nanoseconds are below a tick; they count as a hundredth of one.
            ticks += Units[match].Ticks == 0 ? number / 100 : number * Units[match].Ticks;
            rest = rest[unitLength..];
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)decimal.Round(ticks, MidpointRounding.AwayFromZero));
        return true;
    }
}
