using System.Globalization;
using Beamchain.Node.Chain;
using Beamchain.Node.Text;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Shell;

/// <summary>
/// <c>read</c>: the last screenful of the main chain and how long it is; <c>read &lt;from&gt; [&lt;count&gt;]</c>
/// a range; <c>--json</c> every hashed field (the whole chain without a range). Long ranges are
/// read from the store a page at a time, so a million blocks never sit in memory at once.
/// </summary>
public sealed class ReadCommand(ChainState chain, int tableWidth = BlockTable.DefaultWidth, int pageRows = ReadCommand.DefaultPageRows) : IShellCommand
{
    public const int DefaultPageRows = 20;

    // Blocks fetched from the store at once for long ranges.
    private const int Chunk = 1000;

    public string Name => "read";

    public string Usage => "read [<from> [<count>]] [--json]";

    public string Summary => "show the last blocks and the chain's length, or count blocks from height from; --json has every hashed field (all blocks without a range)";

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
            console.Log.LogWarning($"read: {error}; usage: {Usage}");
            return CommandOutcome.Failed;
        }

        if (numbers.Length == 0 && !json)
        {
            var tip = chain.Height;
            count = (int)Math.Min((ulong)pageRows, tip + 1);
            from = tip + 1 - (ulong)count;
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"chain: {tip + 1:N0} blocks (genesis to block {tip}); the last {count} (read <from> [count] for others):"));
        }

        if (json)
        {
            // One line, whole, even while other threads print progress: a program reads it as it is.
            console.Out.WriteAlone(output => BlockJson.Write(output, Pages(from, count)));
        }
        else if (from > chain.Height)
        {
            await console.Out.WriteLineAsync($"no blocks from height {from}: the tip is block {chain.Height}");
        }
        else
        {
            foreach (var page in Pages(from, count).Chunk(Chunk))
            {
                BlockTable.Write(console.Out, page, tableWidth);
            }
        }

        return CommandOutcome.Done;
    }

    private IEnumerable<Block> Pages(ulong from, int count)
    {
        while (count > 0)
        {
            var page = chain.GetRange(from, Math.Min(count, Chunk));
            foreach (var block in page)
            {
                yield return block;
            }

            if (page.Count < Math.Min(count, Chunk))
            {
                yield break;
            }

            from += (ulong)page.Count;
            count -= page.Count;
        }
    }
}
