using Beamchain.Kernels.Cpu;

namespace Beamchain.Node.Bench;

/// <summary>
/// What <c>beamchain bench</c> measures (read by <see cref="BenchCommandLine"/>). <see cref="CpuThreads"/>
/// and <see cref="Simd"/> tune the CPU searcher (default: every core, the fastest instruction set),
/// so each CPU path can be measured.
/// </summary>
public sealed record BenchOptions(string? Device, TimeSpan Duration, bool Json, int? CpuThreads, CpuInstructionSet? Simd)
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(5);

    public static BenchOptions Default { get; } = new(null, DefaultDuration, false, null, null);

    public CpuSearchOptions CpuOptions
    {
        get
        {
            var options = CpuSearchOptions.Default;
            if (CpuThreads is { } threads) options = options.WithThreads(threads);
            if (Simd is { } simd) options = options.WithInstructionSet(simd);
            return options;
        }
    }
}
