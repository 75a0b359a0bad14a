namespace Beamchain.Node.Bench;

/// <summary><c>beamchain bench-chain</c>: see <see cref="Usage"/>.</summary>
public static class ChainBench
{
    public const string Usage = """
        usage: beamchain bench-chain [--blocks N] [--data-bytes B] [--threads T] [--work-dir DIR] [--generate-only]
          generates (once; later runs reuse and extend it) a valid chain of N blocks of B bytes
          at the minimum target under DIR, then measures the store on it.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var workDir = Path.Combine(Path.GetTempPath(), "beamchain-bench-chain");
        var generateOnly = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--work-dir" && i + 1 < args.Length)
            {
                workDir = args[++i];
            }
            else if (args[i] == "--generate-only")
            {
                generateOnly = true;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        var (parsed, exit) = await IntegerArguments.ReadAsync(
            "bench-chain", Usage, rest, new Dictionary<string, int> { ["--blocks"] = 10_000, ["--data-bytes"] = 200, ["--threads"] = 1 }, output, error);
        if (exit is { } code)
        {
            return code;
        }

        var blocks = parsed["--blocks"];
        var dataBytes = parsed["--data-bytes"];
        var source = Path.Combine(workDir, $"chain-{blocks}x{dataBytes}");
        Directory.CreateDirectory(source);
        var started = DateTime.UtcNow;
        GeneratedBlockFile.Extend(Path.Combine(source, "blocks.dat"), blocks, dataBytes, parsed["--threads"],
            height => output.WriteLine($"generated {height} of {blocks} blocks ({(DateTime.UtcNow - started).TotalSeconds:F0} s)"));
        await output.WriteLineAsync($"chain of {blocks} blocks x {dataBytes} B in {source}");
        return generateOnly ? 0 : 0;
    }
}
