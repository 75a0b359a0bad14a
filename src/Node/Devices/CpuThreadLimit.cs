using System.Globalization;

namespace Beamchain.Node.Devices;

/// <summary>
/// <c>--cpu-threads</c>, the one name for the CPU searcher's thread count (node, <c>bench</c>,
/// <c>worker</c>): 1 to four per processor. More threads than that only compete for the same
/// cores (each thread hashes flat out), and a mistyped 100000 would try to start that many threads.
/// </summary>
public static class CpuThreadLimit
{
    public const string OptionName = "--cpu-threads";

    public const int PerProcessor = 4;

    public static int Max => PerProcessor * Environment.ProcessorCount;

    public static string Describe(string given) =>
        $"{OptionName} takes a number from 1 to {Max} ({PerProcessor} per processor on this machine), got '{given}'";

    /// <summary>Reads the option's value (absent: null, one thread per core).</summary>
    public static bool Read(string text, out int? threads, out string error)
    {
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 && count <= Max;
        (threads, error) = (ok ? count : null, ok ? "" : Describe(text));
        return ok;
    }
}
