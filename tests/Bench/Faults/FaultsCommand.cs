using System.CommandLine;
using Beamchain.Harness.Faults;

namespace Beamchain.Bench.Faults;

/// <summary><c>faults</c>: the command line of <see cref="FaultRounds"/>.</summary>
public static class FaultsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var faults = new Option<IReadOnlyList<FaultKind>>("--faults")
        {
            Description = "a comma list of kill, pause, partition, consul, clock, bridge; each round picks one at random. "
                + "partition and bridge need root and iproute2 (each node runs in its own network namespace); consul runs the nodes against the Consul HTTP API double; "
                + "clock needs libfaketime (each node runs under it, so its system clock can be stepped)",
            DefaultValueFactory = _ => [FaultKind.Kill],
            CustomParser = result =>
            {
                if (FaultKinds.TryParse(result.Tokens.Single().Value, out var kinds, out var problem))
                {
                    return kinds;
                }

                result.AddError(problem!);
                return [];
            },
        };
        var rounds = WholeNumberOption.Create("--rounds", "rounds of one fault each", 1, 20);
        var nodes = WholeNumberOption.Create("--nodes", "node processes", 2, 3);
        var requests = WholeNumberOption.Create("--requests", "mine requests queued in each round", 1, 3);
        var seed = WholeNumberOption.Create("--random-seed", "picks nodes, faults and moments; the same seed repeats a run's choices (default: from the clock)", 0, () => Environment.TickCount & int.MaxValue);
        var consulDouble = new Option<string>("--consul-double")
        {
            Description = "the Consul HTTP API double's dll, for the consul fault (default: the one built beside this bench)",
            DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "Beamchain.ConsulDouble.dll"),
        };

        var command = new Command("faults", "Rounds of random faults (SIGKILL, SIGSTOP, a cut link, Consul gone, a clock stepped) during mining against real node processes; exit 1 if an acknowledged request is lost or mined twice, or the nodes disagree")
        {
            faults, rounds, nodes, requests, seed, consulDouble,
        };
        command.SetAction((result, _) => FaultRounds.RunAsync(
            result.GetValue(faults)!, result.GetValue(rounds), result.GetValue(nodes), result.GetValue(requests), result.GetValue(seed), result.GetValue(consulDouble)!, output, error));
        return command;
    }
}
