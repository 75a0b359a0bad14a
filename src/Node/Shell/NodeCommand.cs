using Beamchain.Node.Chain;

namespace Beamchain.Node.Shell;

/// <summary>
/// <c>beamchain [options]</c>: opens the node's store and runs its prompt over
/// <paramref name="input"/>. Exit status 2 for a bad command line, 1 when the store cannot
/// be opened (or a piped command failed), else 0.
/// </summary>
public static class NodeCommand
{
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, bool interactive = false)
    {
        var parsed = NodeOptionsParser.Parse(args);
        if (!parsed.Succeeded)
        {
            await error.WriteLineAsync($"beamchain: {parsed.Error}; run 'beamchain --help' for the options");
            return 2;
        }

        var options = parsed.Options;
        if (options.ShowHelp)
        {
            await output.WriteAsync(NodeOptionsParser.Usage());
            return 0;
        }

        // Commands such as mining print from other threads while the prompt runs.
        var console = new ShellConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(error));
        ChainStore store;
        try
        {
            store = ChainStore.Open(options.ResolveDataDirectory(), ChainRules.Default, options.TrustStore, console.Error);
        }
        catch (ChainStoreException e)
        {
            await error.WriteLineAsync($"beamchain: {e.Message}");
            return 1;
        }

        using (store)
        {
            var chain = new ChainState(store, ChainRules.Default, TimeProvider.System);
            await console.Error.WriteLineAsync($"{options.NodeName}: chain at block {chain.Height}, stored in {store.Directory}");
            var commands = new CommandTable();
            commands.Add(new ReadCommand(chain, interactive ? TerminalWidth() : BlockTable.DefaultWidth))
                .Add(new HelpCommand(commands))
                .Add(new ExitCommand());
            return await new ShellSession(commands, console, interactive).RunAsync(input, CancellationToken.None);
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.IsOutputRedirected || Console.WindowWidth <= 0 ? BlockTable.DefaultWidth : Console.WindowWidth;
        }
        catch (IOException)
        {
            return BlockTable.DefaultWidth;
        }
    }
}
