using System.CommandLine;
using Beamchain.CommandLine;

namespace Beamchain.Bench.Grid;

/// <summary><c>grid</c>: the command line of <see cref="GridBench"/>, and of the child process that simulates its volunteers.</summary>
public static class GridCommand
{
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(1);
    private static readonly string[] Parts = ["cost", "credit", "flood"];

    public static Command Create(TextWriter output)
    {
        var clients = WholeNumberOption.Create("--clients", "simulated volunteers", 1, 5000);
        var duration = DurationOption.Create("--duration", "how long the node's cost is measured", TimeSpan.FromSeconds(1), TimeSpan.FromHours(2), DefaultDuration);

        // The bench starts itself again as the volunteers' process with these.
        var simulate = new Option<int?>("--simulate") { Hidden = true };
        var pool = new Option<string?>("--pool") { Hidden = true };
        var flood = new Option<int?>("--flood") { Hidden = true };
        var only = new Option<string[]>("--only")
        {
            Description = "run only these parts: cost (a gateway serving --clients simulated volunteers, and share verification per core), credit (a worker through the gateway against a member with the same searcher), flood (a member's mining with its gateway flooded and not); default: all",
            AllowMultipleArgumentsPerToken = true,
        };
        only.AcceptOnlyFromAmong(Parts);
        var command = new Command("grid", "The gateway's cost per volunteer and share verification per core (cost), what the cluster credits a volunteer against a member (credit), and a member's mining under a flood (flood); each part runs for --duration")
        {
            clients, duration, only, simulate, pool, flood,
        };
        command.SetAction(async (result, _) =>
        {
            var length = result.ValueOr(duration, DefaultDuration);
            if (result.GetValue(simulate) is { } count && result.GetValue(pool) is { } gateway)
            {
                return await GridBench.SimulateAsync(count, new Uri(gateway), length, output);
            }

            if (result.GetValue(flood) is { } connections && result.GetValue(pool) is { } flooded)
            {
                return await GridFloodBench.FloodAsync(connections, new Uri(flooded), length, Console.In, output);
            }

            var parts = result.GetValue(only) is { Length: > 0 } chosen ? chosen : Parts;
            if (parts.Contains("cost"))
            {
                await GridBench.RunAsync(result.GetValue(clients), (int)Math.Ceiling(length.TotalSeconds), output);
            }

            if (parts.Contains("credit"))
            {
                await GridCreditBench.RunAsync(length, output);
            }

            if (parts.Contains("flood"))
            {
                await GridFloodBench.RunAsync(length, output);
            }

            return 0;
        });
        return command;
    }
}
