namespace Beamchain.Node.Shell;

/// <summary>
/// The most <c>--cpu-threads</c> a node takes: four per processor. More threads than that only
/// compete for the same cores (each thread hashes flat out), and a mistyped 100000 would try to
/// start that many threads.
/// </summary>
public static class CpuThreadLimit
{
    public const int PerProcessor = 4;

    public static int Max => PerProcessor * Environment.ProcessorCount;

    public static string Describe(string given) =>
        $"--cpu-threads takes a number from 1 to {Max} ({PerProcessor} per processor on this machine), got '{given}'";
}
