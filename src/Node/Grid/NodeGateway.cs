using Beamchain.Kernels.Cpu;
using Beamchain.Node.Cluster;
using Beamchain.Node.Web;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Grid;

/// <summary>
/// Opens a gateway on a running node: its pool leases through the node's dispenser link as the miner
/// <c>&lt;node&gt;/grid</c>, and it serves the node's web surface. The pool's and the gateway miner's
/// notices (work issued again, failed lease calls) are diagnostics: they go to <paramref name="log"/>.
/// </summary>
public static class NodeGateway
{
    public static async Task<GridGateway> OpenAsync(GridSettings settings, ClusterNode node, TimeProvider time, ILogger log)
    {
        var pool = new GridPool($"{node.Name}/grid", settings, time, new Random(), Say(log));
        // Audits re-hash on one CPU thread: about 1 % of the volunteers' work once they are trusted.
        var web = new WebSurface(node, pool, time);
        GridGateway gateway;
        try
        {
            gateway = await GridGateway.StartAsync(settings, pool, new CpuSearcher(CpuSearchOptions.Default.WithThreads(1)), time, web);
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }


        node.HostMiningLoop(new GridMiner(pool, node.Dispenser, time, Say(log)));
        return gateway;
    }

    private static Action<string> Say(ILogger log) => line => log.LogInformation("{Line}", line);
}
