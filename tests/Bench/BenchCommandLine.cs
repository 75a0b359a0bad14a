using System.CommandLine;
using Beamchain.Bench.Chain;
using Beamchain.Bench.Cluster;
using Beamchain.Bench.Faults;
using Beamchain.Bench.Grid;

namespace Beamchain.Bench;

/// <summary>
/// <c>beamchain-bench faults|cluster|chain|grid [options]</c>. A bad command line gets one line
/// naming what was wrong on standard error and exit status 2, as the node's own options do;
/// <c>-h</c>/<c>--help</c> on any command prints its usage and exits 0.
/// </summary>
public static class BenchCommandLine
{
    public const int UsageError = 2;

    public static RootCommand Create(TextWriter output, TextWriter error) =>
        new("Beamchain's developer benchmarks, which start, drive and kill nodes (the node's own 'beamchain bench' measures hashing devices)")
        {
            FaultsCommand.Create(output, error),
            ClusterCommand.Create(output),
            ChainCommand.Create(output),
            GridCommand.Create(output),
        };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = Create(output, error).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command;
            var help = command is RootCommand ? "beamchain-bench --help" : $"beamchain-bench {command.Name} --help";
            var problems = string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.')).Distinct());
            await error.WriteLineAsync($"beamchain-bench: {problems}; run '{help}'");
            return UsageError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
