using System.CommandLine;

namespace Beamchain.Bench.Cluster;

/// <summary><c>cluster</c>: the command line of <see cref="ClusterBench"/>.</summary>
public static class ClusterCommand
{
    public static Command Create(TextWriter output)
    {
        var askers = WholeNumberOption.Create("--askers", "concurrent lease requesters on another member", 1, 256);
        var seconds = WholeNumberOption.Create("--seconds", "how long lease requests are counted", 1, 5);
        var rounds = WholeNumberOption.Create("--rounds", "mine requests timed to the block on all 3 nodes", 1, 20);
        var command = new Command("cluster", "Lease requests the dispenser grain serves per second, and the time from mine to the block printed on all of 3 in-process nodes")
        {
            askers, seconds, rounds,
        };
        command.SetAction((result, _) => ClusterBench.RunAsync(result.GetValue(askers), result.GetValue(seconds), result.GetValue(rounds), output));
        return command;
    }
}
