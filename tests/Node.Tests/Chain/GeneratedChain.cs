using Beamchain.Harness.Chains;
using Beamchain.Node.Chain;

namespace Beamchain.Node.Tests.Chain;

/// <summary>
/// One valid chain of <see cref="Length"/> blocks at the minimum target, mined once per test
/// run with the node's own generator, and a heavier branch forking <see cref="BranchDepth"/>
/// blocks below its tip (one block longer at the same target, so more work).
/// </summary>
public sealed class GeneratedChain
{
    public const int Length = 1500;
    public const int BranchDepth = 40;

    public GeneratedChain()
    {
        using var generator = new ChainGenerator();
        Blocks = generator.Generate(Genesis.Block, Length, dataBytes: 100).ToArray();
        Branch = generator.Generate(Blocks[Length - BranchDepth - 1], BranchDepth + 1, dataBytes: 100, salt: "branch ").ToArray();
    }

    public IReadOnlyList<Block> Blocks { get; }

    /// <summary>Blocks from height <c>Length - BranchDepth + 1</c>, off <c>Blocks[Length - BranchDepth - 1]</c>.</summary>
    public IReadOnlyList<Block> Branch { get; }
}
