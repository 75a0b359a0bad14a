using System.CommandLine;

namespace Beamchain.Bench.Chain;

/// <summary><c>chain</c>: the command line of <see cref="ChainBench"/>.</summary>
public static class ChainCommand
{
    public static Command Create(TextWriter output)
    {
        var blocks = WholeNumberOption.Create("--blocks", "blocks in the chain", 1, 10_000);
        var dataBytes = WholeNumberOption.Create("--data-bytes", "bytes of data in each block", 0, 200);
        var threads = WholeNumberOption.Create("--cpu-threads", "CPU threads mining the chain", 1, 1);
        var workDir = new Option<string>("--work-dir")
        {
            Description = "where the generated chain is kept for later runs (default: beamchain-bench-chain in the temp folder); keep it outside the repository",
            DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "beamchain-bench-chain"),
        };
        var generateOnly = new Option<bool>("--generate-only") { Description = "generate or extend the chain, measure nothing" };
        var unmined = new Option<bool>("--unmined") { Description = "blocks keep nonce 0 (links valid, proof of work not; opened trusted, no sync): the store's own costs at sizes mining cannot reach in time" };
        var command = new Command("chain", "Generates a valid chain once (later runs reuse and extend it), then on a copy measures: store size, first open, clean start, RSS, sync of an empty node over loopback, reorganisations of depth 1, 10, 100, 1000")
        {
            blocks, dataBytes, threads, workDir, generateOnly, unmined,
        };
        command.SetAction((result, _) => ChainBench.RunAsync(
            result.GetValue(blocks), result.GetValue(dataBytes), result.GetValue(threads), result.GetValue(workDir)!, result.GetValue(generateOnly), result.GetValue(unmined), output));
        return command;
    }
}
