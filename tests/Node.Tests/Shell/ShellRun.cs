using Beamchain.Node.Chain;
using Beamchain.Node.Tests.Cli;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beamchain.Node.Tests.Shell;

/// <summary>
/// Runs the node's shell in this process over a string of commands and captures what it
/// writes: a single-node cluster on a free port, without hashing devices.
/// </summary>
internal sealed record ShellRun(int ExitCode, string Output, string Error)
{
    public static async Task<ShellRun> RunAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] alone = ["--cluster", "single", "--port", "0", .. args];
        var exitCode = await InProcessCli.RunAsync(alone, new StringReader(input), output, error);
        return new ShellRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Puts <paramref name="blocks"/> in the store under <paramref name="directory"/>, as an earlier run of the node would have.</summary>
    public static void Seed(string directory, IEnumerable<Block> blocks)
    {
        using var store = ChainStore.Open(directory, ChainRules.Default, trustStore: false, NullLogger.Instance);
        store.Append(blocks.ToArray());
    }
}
