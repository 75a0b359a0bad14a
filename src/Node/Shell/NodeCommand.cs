using Beamchain.Kernels.Search;
using Beamchain.Node.Chain;
using Beamchain.Node.Grid;
using Beamchain.Node.Logging;
using Beamchain.Node.Membership.Consul;
using Beamchain.Node.Network;
using Beamchain.Node.Secret;

namespace Beamchain.Node.Shell;

/// <summary>
/// <c>beamchain [options]</c>: picks the membership (the first line says which), opens the
/// node's store, joins the cluster with one miner per device, and runs the prompt over
/// <paramref name="input"/>. At the end of the input the node first waits until the
/// <c>mine</c> requests it queued are in blocks; on <c>exit</c> or <paramref name="stop"/>
/// (Ctrl-C, SIGTERM: see <see cref="StopSignals"/>) it leaves at once. Either way it hands
/// back its open leases and leaves the cluster gracefully. Exit status 2 for a bad command line, 1 when the store
/// cannot be opened, the cluster cannot be joined, or a piped command failed, else 0.
/// </summary>
public static class NodeCommand
{
    public static async Task<int> RunAsync(
        string[] args,
        TextReader input,
        TextWriter output,
        TextWriter error,
        Func<NodeOptions, IReadOnlyList<INonceSearcher>> openDevices,
        bool interactive = false,
        CancellationToken stop = default)
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

        // Before any actor system: Proto's classes take their loggers when first used.
        using var protoLog = ProtoLogging.ToStandardError(options.LogLevel);
        Uri? consulFromEnvironment = null;
        if (options.ConsulAddress is null && Environment.GetEnvironmentVariable("CONSUL_HTTP_ADDR") is { Length: > 0 } fromEnvironment
            && !ConsulAgentAddress.TryParse(fromEnvironment, out consulFromEnvironment, out var addressError))
        {
            await error.WriteLineAsync($"beamchain: CONSUL_HTTP_ADDR: {addressError}");
            return 2;
        }

        if (options.Cluster == ClusterMode.Seed && options.Seed is null)
        {
            await error.WriteLineAsync("beamchain: --cluster seed needs --seed host:port (a running member); run 'beamchain --help' for the options");
            return 2;
        }

        if (!options.TryResolveCookie(Environment.GetEnvironmentVariable, out var cookie, out var cookieError))
        {
            await error.WriteLineAsync($"beamchain: {cookieError}");
            return 2;
        }

        // Bad input first: an absent device is an error before anything joins the cluster.
        IReadOnlyList<INonceSearcher> searchers;
        try
        {
            searchers = openDevices(options);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"beamchain: {e.Message}");
            return 2;
        }

        try
        {
            return await RunWithDevicesAsync(options, cookie, consulFromEnvironment, searchers, input, output, error, interactive, stop);
        }
        finally
        {
            foreach (var searcher in searchers)
            {
                searcher.Dispose();
            }
        }
    }

    private static async Task<int> RunWithDevicesAsync(
        NodeOptions options,
        ClusterCookie? cookie,
        Uri? consulFromEnvironment,
        IReadOnlyList<INonceSearcher> searchers,
        TextReader input,
        TextWriter output,
        TextWriter error,
        bool interactive,
        CancellationToken stop)
    {
        // Commands such as mining print from other threads while the prompt runs.
        var console = new ShellConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(error));
        var settings = options.ToClusterSettings(Environment.GetEnvironmentVariable, consulFromEnvironment, cookie);
        var name = settings.NodeName!;
        var membership = await new MembershipChoice().ChooseAsync(settings);
        await console.Error.WriteLineAsync($"{name}: {membership.Description}");

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
            ClusterNode node;
            try
            {
                node = await ClusterNode.StartAsync(
                    settings, membership, chain, new PendingRequestStore(store.Directory), searchers, options.BlockTime, console.Out, TimeProvider.System, console.Error);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
            {
                await error.WriteLineAsync($"beamchain: could not start the node on {settings.Host}:{settings.Port}: {e.Message}");
                return 1;
            }

            GridGateway? gateway = null;
            if (options.ToGridSettings(Environment.GetEnvironmentVariable) is { } grid)
            {
                try
                {
                    gateway = await NodeGateway.OpenAsync(grid, node, TimeProvider.System, console.Out);
                }
                catch (Exception e) when (e is ArgumentException or IOException)
                {
                    await error.WriteLineAsync($"beamchain: could not open the grid gateway on {grid.Host}:{grid.Port}: {e.Message}");
                    await node.ShutdownAsync();
                    return 1;
                }

                await console.Error.WriteLineAsync($"{name}: grid gateway for volunteers at {gateway.Address}{(grid.Tokens.Count > 0 ? $" ({grid.Tokens.Count} token(s) required)" : " (anyone may mine: no --grid-token)")}; they mine as {gateway.Pool.Miner}");
            }

            await console.Error.WriteLineAsync(
                $"{name}: listening on {node.Address}, chain at block {chain.Height}, stored in {store.Directory}; {(cookie is null ? "no cluster secret (any peer that reaches this port may join)" : "cluster secret required of peers")}; devices: {(searchers.Count == 0 ? "none (this node stores blocks but does not hash)" : string.Join(", ", searchers.Select(s => s.Name)))}");
            var commands = new CommandTable();
            commands.Add(new MineCommand(node))
                .Add(new ReadCommand(chain, interactive ? TerminalWidth() : BlockTable.DefaultWidth))
                .Add(new StatusCommand(node, gateway))
                .Add(new NodesCommand(node))
                .Add(new HelpCommand(commands))
                .Add(new ExitCommand());
            var session = new ShellSession(commands, console, interactive);
            var status = await session.RunAsync(input, stop);
            if (!session.ExitRequested)
            {
                try
                {
                    await node.WhenQueuedRequestsMinedAsync().WaitAsync(stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Asked to stop: the queued requests stay queued on the other members.
                }
            }

            if (stop.IsCancellationRequested)
            {
                await console.Error.WriteLineAsync($"{name}: stopping: handing back leases and leaving the cluster");
            }

            if (gateway is not null)
            {
                // Volunteers' sockets close first, so their works are back in the gateway's book before it hands its leases back.
                await gateway.DisposeAsync();
            }

            await node.ShutdownAsync();
            await console.Error.WriteLineAsync($"{name}: left the cluster");
            return status;
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
