using System.Globalization;
using Beamchain.Node.Chain;

namespace Beamchain.Node.Shell;

/// <summary><c>read</c>: the main chain as a table, or as JSON with <c>--json</c>; optionally from a height, for a count of blocks.</summary>
public sealed class ReadCommand(ChainState chain, int tableWidth = BlockTable.DefaultWidth) : IShellCommand
{
    public string Name => "read";

    public string Usage => "read [<from> [<count>]] [--json]";

    public string Summary => "show the chain (all of it, or count blocks from height from); --json has every hashed field";

    public async Task<CommandOutcome> RunAsync(string arguments, ShellConsole console, CancellationToken cancellationToken)
    {
        var words = arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var json = words.Contains("--json");
        var numbers = words.Where(w => w != "--json").ToArray();

        ulong from = 0;
        var count = int.MaxValue;
        string? error = null;
        if (numbers.Length > 2 || numbers.Any(w => w.StartsWith('-')))
        {
            error = $"unexpected '{string.Join(' ', numbers.Skip(2).Concat(numbers.Where(w => w.StartsWith('-'))).Distinct())}'";
        }
        else if (numbers.Length >= 1 && !ulong.TryParse(numbers[0], NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            error = $"<from> is a block height (0 or more), got '{numbers[0]}'";
        }
        else if (numbers.Length == 2 && (!int.TryParse(numbers[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count == 0))
        {
            error = $"<count> is a number of blocks (1 or more), got '{numbers[1]}'";
        }

        if (error is not null)
        {
            await console.Error.WriteLineAsync($"read: {error}; usage: {Usage}");
            return CommandOutcome.Failed;
        }

        var blocks = chain.GetRange(from, count);
        if (json)
        {
            BlockJson.Write(console.Out, blocks);
        }
        else if (blocks.Count == 0)
        {
            await console.Out.WriteLineAsync($"no blocks from height {from}: the tip is block {chain.Height}");
        }
        else
        {
            BlockTable.Write(console.Out, blocks, tableWidth);
        }

        return CommandOutcome.Done;
    }
}
