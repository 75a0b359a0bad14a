using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Text;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Shell;

/// <summary><c>mine &lt;data&gt;</c>: queues a block for the data with the chain grain; answers with its place once it is stored durably.</summary>
public sealed class MineCommand(ClusterNode node) : IShellCommand
{
    public string Name => "mine";

    public string Usage => "mine <data>";

    /// <summary>What an unsettled answer means: typing the same data again may put it in two blocks.</summary>
    public const string MayStillBeMined = "the request may still be mined: check `read` before typing it again";

    public string Summary => "queue a block holding <data> (the rest of the line); the cluster mines queued blocks in order";

    public async Task<CommandOutcome> RunAsync(string arguments, ShellConsole console, CancellationToken cancellationToken)
    {
        if (arguments.Length == 0)
        {
            console.Log.LogWarning($"mine: give the block's data; usage: {Usage}");
            return CommandOutcome.Failed;
        }

        if (PrintableText.TryFindInvalidByte(arguments, out var invalid, out var at))
        {
            console.Log.LogWarning($"mine: the data is not valid UTF-8 (byte 0x{invalid:x2} at character {at + 1}); blocks hold UTF-8 text only");
            return CommandOutcome.Failed;
        }

        MineAccepted accepted;
        try
        {
            accepted = await node.MineAsync(arguments, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            console.Log.LogWarning($"mine: the chain grain did not answer within {ClusterNode.MineDeadline.TotalSeconds:0} s (is the cluster reachable?); {MayStillBeMined}");
            return CommandOutcome.Failed;
        }

        if (accepted.Error.Length > 0)
        {
            console.Log.LogWarning($"mine: {accepted.Error}{(accepted.Indeterminate ? $"; {MayStillBeMined}" : "")}");
            return CommandOutcome.Failed;
        }

        var echoed = PrintableText.Echo(arguments);
        await console.Out.WriteLineAsync(accepted.Place switch
        {
            0 => $"queued \"{echoed}\": already in a block",
            1 => $"queued \"{echoed}\": mining it now",
            _ => $"queued \"{echoed}\": place {accepted.Place} in the queue",
        });
        return CommandOutcome.Done;
    }
}
