using System.CommandLine;
using Beamchain.CommandLine;

namespace Beamchain.Bench.Cluster;

/// <summary><c>cluster</c>: the command line of <see cref="ClusterBench"/>.</summary>
public static class ClusterCommand
{
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(5);

    public static Command Create(TextWriter output)
    {
        var askers = WholeNumberOption.Create("--askers", "concurrent lease requesters on another member", 1, 256);
        var duration = DurationOption.Create("--duration", "how long lease requests are counted", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), DefaultDuration);
        var rounds = WholeNumberOption.Create("--rounds", "mine requests timed to the block on all 3 nodes", 1, 20);
        var command = new Command("cluster", "Lease requests the dispenser grain serves per second, and the time from mine to the block printed on all of 3 in-process nodes")
        {
            askers, duration, rounds,
        };
        command.SetAction((result, _) => ClusterBench.RunAsync(result.GetValue(askers), (int)Math.Ceiling(result.ValueOr(duration, DefaultDuration).TotalSeconds), result.GetValue(rounds), output));
        return command;
    }
}
