using System.CommandLine;

namespace Beamchain.Bench.Grid;

/// <summary><c>grid</c>: the command line of <see cref="GridBench"/>, and of the child process that simulates its volunteers.</summary>
public static class GridCommand
{
    public static Command Create(TextWriter output)
    {
        var clients = WholeNumberOption.Create("--clients", "simulated volunteers", 1, 5000);
        var seconds = WholeNumberOption.Create("--seconds", "how long the node's cost is measured", 1, 60);

        // The bench starts itself again as the volunteers' process with these.
        var simulate = new Option<int?>("--simulate") { Hidden = true };
        var pool = new Option<string?>("--pool") { Hidden = true };
        var command = new Command("grid", "One gateway node in this process and --clients simulated volunteers in a child process: the node's CPU and memory while it serves them, then share verification per core")
        {
            clients, seconds, simulate, pool,
        };
        command.SetAction((result, _) => result.GetValue(simulate) is { } count && result.GetValue(pool) is { } gateway
            ? GridBench.SimulateAsync(count, new Uri(gateway), TimeSpan.FromSeconds(result.GetValue(seconds)), output)
            : GridBench.RunAsync(result.GetValue(clients), result.GetValue(seconds), output));
        return command;
    }
}
