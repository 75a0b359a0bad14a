using System.Text.Json;
using Beamchain.Kernels.Search;
using Beamchain.Node.Chain;
using Beamchain.Node.Clock;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grains;
using Beamchain.Node.Grid;
using Beamchain.Node.Membership.Consul;
using Beamchain.Node.Secret;
using Beamchain.Node.Status;
using Beamchain.Node.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beamchain.Node.Shell;

/// <summary>
/// <c>beamchain [options]</c>: picks the membership (the first line says which), opens the
/// node's store, joins the cluster with one miner per device, and runs the prompt over
/// <paramref name="input"/>. At the end of the input the node first waits until the
/// <c>mine</c> requests it queued are in blocks; on <c>exit</c> or <paramref name="stop"/>
/// (Ctrl-C, SIGTERM: see <see cref="StopSignals"/>) it leaves at once. Either way it hands
/// back its open leases and leaves the cluster gracefully. Exit status 2 for a bad command line (options are checked
/// before anything starts, the values themselves by <see cref="NodeCommandLine"/>), 1 when the store cannot be opened, the cluster cannot be joined (the seed refused this
/// node's cluster secret, or the members Consul lists refuse it before it registers), or a piped command failed, 3 when the store could not be written
/// (<see cref="StoreFailure"/>), else 0.
/// </summary>
public static class NodeCommand
{
    public static async Task<int> RunAsync(
        NodeOptions options,
        TextReader input,
        TextWriter output,
        TextWriter error,
        Func<NodeOptions, IReadOnlyList<INonceSearcher>> openDevices,
        bool interactive = false,
        CancellationToken stop = default,
        Func<LogLevel, ILoggerFactory>? createLogging = null)
    {
        // Whatever reaches the console (block data, peers' words, echoed input) cannot drive the terminal.
        (output, error) = (new EscapingWriter(output), new EscapingWriter(error));

        // Before any actor system: Proto's classes take their loggers when first used. Usage errors
        // below are written directly, like the command line's own; everything after goes through the log.
        var logs = createLogging?.Invoke(options.LogLevel) ?? NullLoggerFactory.Instance;
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

        if (!HostAddressCheck.TryCheck(options.Host, out var hostError))
        {
            await error.WriteLineAsync($"beamchain: {hostError}");
            return 2;
        }

        if (!options.TryCheckGrid(Environment.GetEnvironmentVariable, out var gridError))
        {
            await error.WriteLineAsync($"beamchain: {gridError}");
            return 2;
        }

        string dataDirectory;
        try
        {
            dataDirectory = options.ResolveDataDirectory();
        }
        catch (ChainStoreException e)
        {
            await error.WriteLineAsync($"beamchain: {e.Message}");
            return 2;
        }

        if (!DataDirectoryCheck.TryCheck(dataDirectory, out var directoryError))
        {
            await error.WriteLineAsync($"beamchain: {directoryError}");
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
            return await RunWithDevicesAsync(options, cookie, consulFromEnvironment, searchers, input, output, logs, interactive, stop);
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
        ILoggerFactory logs,
        bool interactive,
        CancellationToken stop)
    {
        // Commands such as mining print from other threads while the prompt runs.
        var log = logs.CreateLogger(typeof(NodeCommand));
        var console = new ShellConsole(new SharedWriter(output), logs.CreateLogger(typeof(ShellSession)));
        var settings = options.ToClusterSettings(Environment.GetEnvironmentVariable, consulFromEnvironment, cookie);
        var name = settings.NodeName!;
        var membership = await new MembershipChoice().ChooseAsync(settings);
        log.LogInformation($"{name}: {membership.Description}");
        if (membership.Mode == ClusterMode.Consul && await ConsulRefusalAsync(settings, stop) is { } consulRefusal)
        {
            // Checked before registering: a refused node in Consul's catalog would be counted as a member by everyone.
            log.LogError(RefusedLine(consulRefusal));
            return 1;
        }

        ChainStore store;
        try
        {
            store = ChainStore.Open(options.ResolveDataDirectory(), ChainRules.Default, options.TrustStore, logs.CreateLogger<ChainStore>());
        }
        catch (ChainStoreException e)
        {
            log.LogError($"beamchain: {e.Message}");
            return 1;
        }

        using var storeFailure = new StoreFailure(store.Directory, logs.CreateLogger<StoreFailure>());
        using (store)
        {
            // Blocks are stamped and checked on the members' median clock, so one wrong clock stops no one.
            var clockLog = logs.CreateLogger<ClusterClock>();
            var clock = new ClusterClock(TimeProvider.System, warning => clockLog.LogWarning(warning));
            var chain = new ChainState(store, ChainRules.Default, clock);
            ClusterNode node;
            try
            {
                node = await ClusterNode.StartAsync(
                    settings, membership, chain, new PendingRequestStore(store.Directory), searchers, options.BlockTime, console.Out, TimeProvider.System, logs, clock, storeFailure);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
            {
                log.LogError($"beamchain: could not start the node on {settings.Host}:{settings.Port}: {e.Message}");
                return 1;
            }

            if (await JoinRefusalAsync(membership, settings, node) is { } refusal)
            {
                // Like Erlang's refused node: it does not pretend to be in the cluster by running alone.
                await node.ShutdownAsync();
                log.LogError(RefusedLine(refusal));
                return 1;
            }

            GridGateway? gateway = null;
            if (options.ToGridSettings(Environment.GetEnvironmentVariable) is { } grid)
            {
                try
                {
                    gateway = await NodeGateway.OpenAsync(grid, node, TimeProvider.System, logs.CreateLogger(typeof(NodeGateway)));
                }
                catch (Exception e) when (e is ArgumentException or IOException)
                {
                    log.LogError($"beamchain: could not open the grid gateway on {grid.Host}:{grid.Port}: {e.Message}");
                    await node.ShutdownAsync();
                    return 1;
                }

                log.LogInformation($"{name}: grid gateway for volunteers at {gateway.Address}{(grid.Tokens.Count > 0 ? $" ({grid.Tokens.Count} token(s) required)" : " (anyone may mine: no --grid-token)")}; they mine as {gateway.Pool.Miner}");
                log.LogInformation($"{name}: web pages at {gateway.WebAddress}: the dashboard; {gateway.WebAddress}miner: mine in a browser; /api/chain, /api/status, /metrics for programs");
            }

            log.LogInformation(
                $"{name}: listening on {node.Address}, chain at block {chain.Height}, stored in {store.Directory}; {(cookie is null ? "no cluster secret (any peer that reaches this port may join)" : "cluster secret required of peers")}; devices: {(searchers.Count == 0 ? "none (this node stores blocks but does not hash)" : string.Join(", ", searchers.Select(s => s.Name)))}");
            // One status document for the prompt's status --json and the gateway's /api/status.
            var statusReport = new StatusReport(node, storeFailure, clock, gateway);
            gateway?.Web.ServeStatus(async cancellationToken => JsonSerializer.Serialize((await statusReport.CollectAsync(cancellationToken)).ForPublic(), StatusJsonContext.Default.StatusDocument));
            var commands = new CommandTable();
            commands.Add(new MineCommand(node))
                .Add(new ReadCommand(chain, interactive ? TerminalWidth() : BlockTable.DefaultWidth))
                .Add(new StatusCommand(statusReport))
                .Add(new NodesCommand(node))
                .Add(new HelpCommand(commands))
                .Add(new ExitCommand());
            var session = new ShellSession(commands, console, interactive);

            // A store that cannot be written ends the session like Ctrl-C, and the exit status says why.
            using var stopOrFailed = CancellationTokenSource.CreateLinkedTokenSource(stop, storeFailure.Stopping);
            var status = await session.RunAsync(input, stopOrFailed.Token);
            if (!session.ExitRequested)
            {
                try
                {
                    await node.WhenQueuedRequestsMinedAsync().WaitAsync(stopOrFailed.Token);
                }
                catch (OperationCanceledException) when (stopOrFailed.IsCancellationRequested)
                {
                    // Asked to stop (or the store failed): the queued requests stay queued on the other members.
                }
            }

            if (storeFailure.HasFailed)
            {
                await node.ShutdownAsync();
                log.LogError($"{name}: left the cluster: its store cannot be written");
                return StoreFailure.ExitCode;
            }

            if (stop.IsCancellationRequested)
            {
                log.LogInformation($"{name}: stopping: handing back leases and leaving the cluster");
            }

            if (gateway is not null)
            {
                // Volunteers' sockets close first, so their works are back in the gateway's book before it hands its leases back.
                await gateway.DisposeAsync();
            }

            await node.ShutdownAsync();
            log.LogInformation($"{name}: left the cluster");
            return status;
        }
    }

    /// <summary>
    /// Why the members this node was told to join (<c>--seed</c>) kept it out over the cluster
    /// secret, when they did and it is alone; null when it joined, or nothing says the secret was the reason.
    /// </summary>
    private static async Task<string?> JoinRefusalAsync(ClusterMembership membership, ClusterSettings settings, ClusterNode node)
    {
        if (membership.Mode != ClusterMode.Seed || settings.Seed is not { } seed || node.Members.Count > 1)
        {
            return null;
        }

        if (node.SecretRefusal is { } refusal)
        {
            return refusal;
        }

        return settings.Cookie is null && await CookieHandshake.RequiresSecretAsync(seed.Host, seed.Port, CookieHandshake.DefaultTimeout)
            ? $"{seed}: it requires a cluster secret and this node has none"
            : null;
    }

    private static string RefusedLine(string refusal) =>
        $"beamchain: refused by the cluster at {refusal}; start this node with the cluster's secret (--cookie-file or {ClusterCookie.EnvironmentVariable}), or with --cluster single to run alone";

    /// <summary>
    /// Why the members Consul lists refuse this node's cluster secret, asked before it registers;
    /// null when one accepts it, none is listed or answers, or the agent cannot say (the membership then reports the agent).
    /// </summary>
    private static async Task<string?> ConsulRefusalAsync(ClusterSettings settings, CancellationToken stop)
    {
        IReadOnlyList<HealthEntry> entries;
        try
        {
            using var agent = new ConsulAgentClient(MembershipChoice.ConsulConfig(settings));
            entries = (await agent.GetPassingServiceAsync(settings.ClusterName, 0, TimeSpan.FromSeconds(1), stop)).Entries;
        }
        catch (Exception e) when (e is ConsulAgentException or HttpRequestException or OperationCanceledException && !stop.IsCancellationRequested)
        {
            return null;
        }

        var members = HealthMembers.Alive(entries).Select(m => (m.Host, m.Port)).ToArray();
        return await new SecretPreflight(settings.Cookie, CookieHandshake.DefaultTimeout).RefusalAsync(members, stop);
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
