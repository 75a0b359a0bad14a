using System.CommandLine;
using Beamchain.CommandLine;

namespace Beamchain.Bench.Grid;

/// <summary><c>grid</c>: the command line of <see cref="GridBench"/>, and of the child process that simulates its volunteers.</summary>
public static class GridCommand
{
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(1);

    public static Command Create(TextWriter output)
    {
        var clients = WholeNumberOption.Create("--clients", "simulated volunteers", 1, 5000);
        var duration = DurationOption.Create("--duration", "how long the node's cost is measured", TimeSpan.FromSeconds(1), TimeSpan.FromHours(2), DefaultDuration);

        // The bench starts itself again as the volunteers' process with these.
        var simulate = new Option<int?>("--simulate") { Hidden = true };
        var pool = new Option<string?>("--pool") { Hidden = true };
        var command = new Command("grid", "One gateway node in this process and --clients simulated volunteers in a child process: the node's CPU and memory while it serves them, then share verification per core")
        {
            clients, duration, simulate, pool,
        };
        command.SetAction((result, _) => result.GetValue(simulate) is { } count && result.GetValue(pool) is { } gateway
            ? GridBench.SimulateAsync(count, new Uri(gateway), result.ValueOr(duration, DefaultDuration), output)
            : GridBench.RunAsync(result.GetValue(clients), (int)Math.Ceiling(result.ValueOr(duration, DefaultDuration).TotalSeconds), output));
        return command;
    }
}
