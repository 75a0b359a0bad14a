using System.Runtime.Intrinsics;
using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Cpu;

/// <summary>
/// Searches on the CPU's cores: worker threads claim contiguous chunks of the range in
/// increasing order (so a core slowed by other work does not hold the others up) and hash each
/// chunk with <see cref="LaneSearch{TLanes,TVec}"/> for the chosen instruction set. Cancellation
/// is checked every few thousand nonces.
/// </summary>
public sealed class CpuSearcher : INonceSearcher
{
    // Large enough that the per-chunk set-up is noise, small enough that workers finish together.
    private const ulong MaxChunk = 1 << 18;
    private const ulong MinChunk = 1 << 12;

    private readonly Func<SecondBlockPlan, uint, ulong, FoundNonces, CancellationToken, ulong> _search;

    public CpuSearcher()
        : this(CpuSearchOptions.Default)
    {
    }

    public CpuSearcher(CpuSearchOptions options)
    {
        if (options.Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"a CPU searcher needs at least one thread, got {options.Threads}");
        }

        if (!IsSupported(options.InstructionSet))
        {
            throw new PlatformNotSupportedException($"this CPU does not support {options.InstructionSet}; supported: {string.Join(", ", SupportedInstructionSets)}");
        }

        Options = options;
        _search = options.InstructionSet switch
        {
            CpuInstructionSet.Scalar => LaneSearch<ScalarLanes, uint>.Search,
            CpuInstructionSet.Avx2 => LaneSearch<Avx2Lanes, Vector256<uint>>.Search,
            CpuInstructionSet.Avx512 => LaneSearch<Avx512Lanes, Vector512<uint>>.Search,
            CpuInstructionSet.Avx512Vl => LaneSearch<Avx512VlLanes, Vector256<uint>>.Search,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.InstructionSet, "unknown instruction set"),
        };
    }

    public CpuSearchOptions Options { get; }

    public string Name =>
        $"CPU ({Options.Threads} thread{(Options.Threads == 1 ? "" : "s")}, {Options.InstructionSet.ToString().ToLowerInvariant()}: {Chains(Options.InstructionSet)}x{LaneWidth(Options.InstructionSet)} lanes)";

    public DeviceKind Kind => DeviceKind.Cpu;

    public static IReadOnlyList<CpuInstructionSet> SupportedInstructionSets =>
        Enum.GetValues<CpuInstructionSet>().Where(IsSupported).ToArray();

    /// <summary>The fastest supported instruction set, in the order measured on AMD Zen 4 (see the README's bench section).</summary>
    public static CpuInstructionSet BestInstructionSet =>
        new[] { CpuInstructionSet.Avx512, CpuInstructionSet.Avx512Vl, CpuInstructionSet.Avx2, CpuInstructionSet.Scalar }.First(IsSupported);

    public static bool IsSupported(CpuInstructionSet instructionSet) => instructionSet switch
    {
        CpuInstructionSet.Scalar => ScalarLanes.IsSupported,
        CpuInstructionSet.Avx2 => Avx2Lanes.IsSupported,
        CpuInstructionSet.Avx512Vl => Avx512VlLanes.IsSupported,
        CpuInstructionSet.Avx512 => Avx512Lanes.IsSupported,
        _ => false,
    };

    /// <summary>Nonces per vector (the SIMD width in 32-bit lanes).</summary>
    public static int LaneWidth(CpuInstructionSet instructionSet) => Shape(instructionSet).Width;

    /// <summary>Vectors hashed side by side as independent chains.</summary>
    public static int Chains(CpuInstructionSet instructionSet) => Shape(instructionSet).Chains;

    public SearchResult Search(SearchJob job, NonceRange range, CancellationToken cancellationToken)
    {
        range.EnsureValid();
        if (range.Count == 0)
        {
            return new SearchResult(0, []);
        }

        var work = new SearchRun(new JobMidstate(job), range, ChunkSize(range.Count, Options.Threads), _search, cancellationToken);
        var threads = (int)Math.Min((ulong)Options.Threads, (range.Count + work.Chunk - 1) / work.Chunk);
        var workers = new Thread[threads - 1];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new Thread(work.Run) { IsBackground = true, Name = "beamchain cpu search" };
            workers[i].Start();
        }

        work.Run();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        return work.Result();
    }

    public void Dispose()
    {
    }

    private static (int Width, int Chains) Shape(CpuInstructionSet instructionSet) => instructionSet switch
    {
        CpuInstructionSet.Scalar => (ScalarLanes.Width, ScalarLanes.Chains),
        CpuInstructionSet.Avx2 => (Avx2Lanes.Width, Avx2Lanes.Chains),
        CpuInstructionSet.Avx512Vl => (Avx512VlLanes.Width, Avx512VlLanes.Chains),
        CpuInstructionSet.Avx512 => (Avx512Lanes.Width, Avx512Lanes.Chains),
        _ => throw new ArgumentOutOfRangeException(nameof(instructionSet)),
    };

    private static ulong ChunkSize(ulong count, int threads) => Math.Clamp(count / ((ulong)threads * 8), MinChunk, MaxChunk);

    /// <summary>One Search call's shared state: the next unclaimed offset and each worker's results.</summary>
    private sealed class SearchRun(
        JobMidstate job,
        NonceRange range,
        ulong chunk,
        Func<SecondBlockPlan, uint, ulong, FoundNonces, CancellationToken, ulong> search,
        CancellationToken cancellationToken)
    {
        private readonly List<FoundNonces> _found = [];
        private ulong _claimed;
        private ulong _hashed;

        public ulong Chunk => chunk;

        public void Run()
        {
            var found = new FoundNonces();
            lock (_found)
            {
                _found.Add(found);
            }

            SecondBlockPlan? plan = null;
            ulong hashed = 0;
            while (!cancellationToken.IsCancellationRequested && TryClaim(out var claim))
            {
                foreach (var piece in claim.SplitAtHighWords())
                {
                    var high = (uint)(piece.Start >> 32);
                    if (plan is null || plan.High != high)
                    {
                        plan = job.ForHighWord(high);
                    }

                    var pieceHashed = search(plan, (uint)piece.Start, piece.Count, found, cancellationToken);
                    hashed += pieceHashed;
                    if (pieceHashed < piece.Count)
                    {
                        break;
                    }
                }
            }

            Interlocked.Add(ref _hashed, hashed);
        }

        public SearchResult Result() => new(Interlocked.Read(ref _hashed), FoundNonces.Merge(_found));

        private bool TryClaim(out NonceRange claim)
        {
            while (true)
            {
                var offset = Interlocked.Read(ref _claimed);
                if (offset >= range.Count)
                {
                    claim = default;
                    return false;
                }

                var count = Math.Min(chunk, range.Count - offset);
                if (Interlocked.CompareExchange(ref _claimed, offset + count, offset) == offset)
                {
                    claim = new NonceRange(range.Start + offset, count);
                    return true;
                }
            }
        }
    }
}
