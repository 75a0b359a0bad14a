using Beamchain.Node.Clock;

namespace Beamchain.Node.Status;

/// <summary>The lines <c>status</c> prints for a person, all drawn from the <see cref="StatusDocument"/> that <c>status --json</c> prints whole.</summary>
public static class StatusText
{
    public static IEnumerable<string> Lines(StatusDocument status)
    {
        yield return $"node {status.Node} at {status.Address}; {status.Membership}";
        yield return $"members ({status.Members.Count}): {string.Join(", ", status.Members.Select(address => Named(status, address)))}";
        foreach (var device in status.Devices)
        {
            yield return $"device {device.Name} ({device.Kind}): {device.HashesPerSecond / 1e6:F2} MH/s, {device.Hashed} nonces hashed, idle between leases {device.IdleShare:P2}";
        }

        if (status.Clock is { } clock)
        {
            yield return $"clock: this node's clock is {ClusterClock.Describe(TimeSpan.FromSeconds(clock.OffsetSeconds))} the median of {clock.Clocks} members' clocks";
        }

        var chain = status.Chain;
        yield return $"chain: tip block {chain.Height} {chain.TipHash}; {chain.Queue.Count} request(s) queued; chain grain on {chain.Host}";
        var stored = status.Store.Failed ? "cannot be written: this node is leaving" : "writable";
        yield return $"store: {status.Replica.Height} block(s) above genesis in {status.Store.Directory} ({stored})";

        if (status.Job is { } job)
        {
            yield return $"job {job.JobId} (block {job.Height}): {job.Seconds:F1} s, {job.Completed} of {job.Issued} issued nonces done, {job.OpenLeases} open lease(s), re-issued {job.Reissued}, duplicated {job.Duplicated}";
            yield return $"  per node: {Counts(job.HashedByNode)}";
            yield return $"  open leases: {Counts(job.OpenByNode)}";
        }
        else
        {
            yield return "no job: the queue is empty";
        }

        yield return $"cluster rate: {status.Dispenser.ClusterHashesPerSecond / 1e6:F2} MH/s; dispenser on {status.Dispenser.Host}";
        if (status.Gateway is { } gateway)
        {
            var grid = gateway.Grid;
            var rejected = grid.Rejected.Count == 0 ? "none" : string.Join(", ", grid.Rejected.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"));
            yield return $"grid gateway {gateway.Address} (mines as {grid.Miner}): {grid.Clients.Count} volunteer(s), verified {grid.VerifiedRate / 1e6:F2} MH/s, shares accepted {grid.Accepted}, rejected: {rejected}; blocks {grid.Blocks}; audits passed {grid.AuditsPassed}, failed {grid.AuditsFailed}, skipped {grid.AuditsSkipped}";
            foreach (var client in grid.Clients)
            {
                yield return $"  volunteer {client.Session[..Math.Min(8, client.Session.Length)]} ({client.Address ?? "address hidden"}, client {client.Client}, {(client.Engine.Length == 0 ? "no engine named" : client.Engine)}): verified {client.VerifiedRate / 1e6:F2} MH/s, {client.Accepted} shares accepted, {client.Rejected} rejected, {client.FinishedWorks} works finished, {client.Audited} audited";
            }
        }
    }

    private static string Counts(IEnumerable<NonceCount> counts) => string.Join(", ", counts.Select(n => $"{n.Node} {n.Nonces}"));

    private static string Named(StatusDocument status, string address) =>
        status.MemberNames.FirstOrDefault(m => m.Address == address) is { Name.Length: > 0 } named ? $"{address} ({named.Name})" : address;
}
