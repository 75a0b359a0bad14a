using System.Text.Json;
using Beamchain.Node.Status;
using Beamchain.Node.Text;

namespace Beamchain.Node.Shell;

/// <summary>
/// <c>status [--json]</c>: members, this node's devices and rates, its clock against the members',
/// the chain and its store, the current job's progress, and the grid gateway's volunteers; with
/// <c>--json</c> the same as one <see cref="StatusDocument"/> on one line of standard output.
/// </summary>
public sealed class StatusCommand(StatusReport report) : IShellCommand
{
    public string Name => "status";

    public string Usage => "status [--json]";

    public string Summary => "show members, devices, rates, the queue and the current job's progress; --json prints it as one JSON document";

    public async Task<CommandOutcome> RunAsync(string arguments, ShellConsole console, CancellationToken cancellationToken)
    {
        var json = arguments == "--json";
        if (!json && arguments.Length > 0)
        {
            await console.Error.WriteLineAsync($"status: takes only --json, got '{PrintableText.Echo(arguments)}'");
            return CommandOutcome.Failed;
        }

        StatusDocument status;
        try
        {
            status = await report.CollectAsync(cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            await console.Error.WriteLineAsync("status: the chain or dispenser grain did not answer in time");
            return CommandOutcome.Failed;
        }

        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(status, StatusJsonContext.Default.StatusDocument));
            return CommandOutcome.Done;
        }

        foreach (var line in StatusText.Lines(status))
        {
            await console.Out.WriteLineAsync(line);
        }

        return CommandOutcome.Done;
    }
}
