using Beamchain.Node.Clock;
using Beamchain.Node.Cluster;
using Beamchain.Node.Grid;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Shell;

/// <summary><c>status</c>: members, this node's devices and rates, its clock against the members', the chain, the current job's progress, and the grid gateway's volunteers.</summary>
public sealed class StatusCommand(ClusterNode node, ClusterClock? clock = null, GridGateway? gateway = null) : IShellCommand
{
    public string Name => "status";

    public string Usage => "status";

    public string Summary => "show members, devices, rates, the queue and the current job's progress";

    public async Task<CommandOutcome> RunAsync(string arguments, ShellConsole console, CancellationToken cancellationToken)
    {
        if (await NoArguments.RefusedAsync(Name, arguments, console))
        {
            return CommandOutcome.Failed;
        }

        NodeStatus status;
        try
        {
            status = await node.StatusAsync(cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            console.Log.LogWarning("status: the chain or dispenser grain did not answer in time");
            return CommandOutcome.Failed;
        }

        var o = console.Out;
        await o.WriteLineAsync($"node {status.Node} at {status.Address}; {status.Membership}");
        await o.WriteLineAsync($"members ({status.Members.Count}): {string.Join(", ", status.Members)}");
        foreach (var miner in status.Miners)
        {
            await o.WriteLineAsync($"device {miner.Name} ({miner.Kind}): {miner.Rate / 1e6:F2} MH/s, {miner.Hashed} nonces hashed, idle between leases {miner.IdleShare:P2}");
        }

        if (clock is not null)
        {
            await o.WriteLineAsync(clock.Summary());
        }

        if (status.Chain is { } chain)
        {
            await o.WriteLineAsync($"chain: tip block {chain.Height} {chain.TipHash}; {chain.Pending.Count} request(s) queued; chain grain on {chain.Host}");
        }

        if (status.Job is { JobId.Length: > 0 } job)
        {
            await o.WriteLineAsync($"job {job.JobId} (block {job.Height}): {job.Seconds:F1} s, {job.Completed} of {job.Issued} issued nonces done, {job.OpenLeases} open lease(s), re-issued {job.Reissued}, duplicated {job.Duplicated}");
            await o.WriteLineAsync($"  per node: {string.Join(", ", job.Nodes.Select(n => $"{n.Node} {n.Nonces}"))}");
            await o.WriteLineAsync($"  open leases: {string.Join(", ", job.OpenByNode.Select(n => $"{n.Node} {n.Nonces}"))}");
        }
        else
        {
            await o.WriteLineAsync("no job: the queue is empty");
        }

        await o.WriteLineAsync($"cluster rate: {(status.Job?.ClusterRate ?? 0) / 1e6:F2} MH/s; dispenser on {status.Job?.Host}");
        if (gateway is not null)
        {
            var grid = gateway.Pool.Status();
            var rejected = grid.Rejected.Count == 0 ? "none" : string.Join(", ", grid.Rejected.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"));
            await o.WriteLineAsync($"grid gateway {gateway.Address} (mines as {grid.Miner}): {grid.Clients.Count} volunteer(s), verified {grid.VerifiedRate / 1e6:F2} MH/s, shares accepted {grid.Accepted}, rejected: {rejected}; blocks {grid.Blocks}; audits passed {grid.AuditsPassed}, failed {grid.AuditsFailed}, skipped {grid.AuditsSkipped}");
            foreach (var client in grid.Clients)
            {
                await o.WriteLineAsync($"  volunteer {client.Session[..8]} ({client.Address}, {(client.Engine.Length == 0 ? "no engine named" : client.Engine)}): verified {client.VerifiedRate / 1e6:F2} MH/s, {client.Accepted} shares accepted, {client.Rejected} rejected, {client.FinishedWorks} works finished, {client.Audited} audited");
            }
        }
        return CommandOutcome.Done;
    }
}
