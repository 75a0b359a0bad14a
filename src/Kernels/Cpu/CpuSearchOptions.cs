namespace Beamchain.Kernels.Cpu;

/// <summary>How the CPU searcher runs: worker threads (one per core by default) and the instruction set.</summary>
public sealed record CpuSearchOptions(int Threads, CpuInstructionSet InstructionSet)
{
    /// <summary>Every core, with the fastest instruction set this CPU supports.</summary>
    public static CpuSearchOptions Default => new(Environment.ProcessorCount, CpuSearcher.BestInstructionSet);

    public CpuSearchOptions WithThreads(int threads) => this with { Threads = threads };

    public CpuSearchOptions WithInstructionSet(CpuInstructionSet instructionSet) => this with { InstructionSet = instructionSet };
}
