using System.Net.Sockets;

namespace Beamchain.Node.Secret;

/// <summary>
/// Asks the members a node is about to join (those Consul lists) whether they accept its cluster
/// secret, before the node registers. A node the members refuse would otherwise enter Consul's
/// catalog, be counted as a member by everyone, and disturb them while running a fork of its own;
/// like Erlang's refused node, it should say why and stop instead. Each probe is one handshake on
/// a connection closed right after it; the refused side logs the attempt as any refused peer.
/// </summary>
public sealed class SecretPreflight(ClusterCookie? cookie, TimeSpan timeout)
{
    /// <summary>
    /// "host:port: reason" when at least one member refused this node's secret and none accepted
    /// it; null when one accepted, or none answered (members that are down do not keep a node out).
    /// </summary>
    public async Task<string?> RefusalAsync(IReadOnlyList<(string Host, int Port)> members, CancellationToken cancellationToken = default)
    {
        var answers = await Task.WhenAll(members.Select(m => AskAsync(m.Host, m.Port, cancellationToken)));
        return answers.Any(a => a.Accepted) ? null : answers.FirstOrDefault(a => a.Refusal is not null).Refusal;
    }

    private async Task<(bool Accepted, string? Refusal)> AskAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (cookie is null)
        {
            // Without a secret there is nothing to prove: only a member that demands one refuses.
            return await CookieHandshake.RequiresSecretAsync(host, port, timeout)
                ? (false, $"{host}:{port}: it requires a cluster secret and this node has none")
                : (false, null);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, deadline.Token);
            var stream = client.GetStream();
            var outcome = await new CookieHandshake(cookie, timeout).ProveAsync(stream, stream, deadline.Token);

            // Only a proof that does not match is a refusal; a member that stalls or closes may just be busy or leaving.
            return outcome.IsAccepted ? (true, null)
                : outcome.Refusal == RefusalKind.WrongSecret ? (false, $"{host}:{port}: {outcome.Reason}")
                : (false, null);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, null);
        }
    }
}
