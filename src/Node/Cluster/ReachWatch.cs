using System.Net.Sockets;
using Beamchain.Node.Healing;
using Microsoft.Extensions.Logging;
using Proto;
using Proto.Cluster;

namespace Beamchain.Node.Cluster;

/// <summary>
/// One membership's watch on direct reachability: once a second it asks every other member's
/// <see cref="ReachActor"/> to answer, keeps the outcome in <see cref="DirectReach"/>, lists the
/// members it has not reached for the limit in the gossip, and reads every member's list. When
/// <see cref="ReachVerdict"/> names this member, the membership is dropped (<see cref="MemberWatchdog"/>)
/// and the node joins again once it reaches the members it was cut from (<see cref="WaitToReachAsync"/>).
/// </summary>
public sealed class ReachWatch(ActorSystem system, MemberWatchdog watchdog, TimeProvider time)
{
    /// <summary>A probe round each second.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>How long a probe waits for its answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The longest a left member waits to reach those it was cut from before joining again anyway.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(2);

    /// <summary>Addresses (host:port) of the members this member was cut from, once the verdict named it; empty before.</summary>
    public IReadOnlyList<string> CutFrom { get; private set; } = [];

    /// <param name="limit">How long a member must fail to answer to count as unreachable: several member timeouts, so that a member that is down or fully cut off is dropped by heartbeat first.</param>
    public async Task RunAsync(TimeSpan limit)
    {
        var cluster = system.Cluster();
        var reach = new DirectReach(limit, time);
        IReadOnlyList<string> published = [];
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(system.Shutdown))
            {
                var others = cluster.MemberList.GetAllMembers().Where(m => m.Id != system.Id).ToArray();
                var answers = await Task.WhenAll(others.Select(async m => (m.Id, Answered: await AnswersAsync(m.Address))));
                reach.Round(answers.ToDictionary(a => a.Id, a => a.Answered, StringComparer.Ordinal));
                var unreachable = reach.Unreachable();
                if (!unreachable.SequenceEqual(published))
                {
                    cluster.Gossip.SetState(ReachActor.GossipKey, new UnreachableMembers { MemberIds = { unreachable } });
                    published = unreachable;
                }

                var reports = (await cluster.Gossip.GetState<UnreachableMembers>(ReachActor.GossipKey))
                    .ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value.MemberIds.ToArray(), StringComparer.Ordinal);
                var members = cluster.MemberList.GetAllMembers();
                if (!ReachVerdict.Leavers(members.Select(m => m.Id).ToArray(), reports).Contains(system.Id))
                {
                    continue;
                }

                // The members in a pair with this one: those it cannot reach and those that cannot reach it.
                var cut = members
                    .Where(m => unreachable.Contains(m.Id) || (reports.TryGetValue(m.Id, out var theirs) && theirs.Contains(system.Id)))
                    .ToArray();
                var names = await cluster.Gossip.GetState<MemberName>(MemberNames.GossipKey);
                var said = string.Join(", ", cut.Select(m => names.TryGetValue(m.Id, out var name) && name.Name.Length > 0 ? $"{name.Name} ({m.Address})" : m.Address));
                CutFrom = cut.Select(m => m.Address).ToArray();
                watchdog.Dropped($"it and {said} have not reached each other directly for {limit.TotalSeconds:0} s, though every member still reaches the others; this member leaves so that the rest reach one another and mine, and joins again once it reaches {(cut.Length == 1 ? "that member" : "them")}");
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // the membership ended
        }
    }

    private async Task<bool> AnswersAsync(string address)
    {
        try
        {
            await system.Root.RequestAsync<ReachAnswer>(PID.FromAddress(address, ReachActor.Name), new ReachProbe(), ProbeTimeout);
            return true;
        }
        catch (DeadLetterException)
        {
            return true; // it answered: no such actor there (a node without the probe), but reached
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Before joining again: waits until every address in <paramref name="addresses"/> takes a TCP
    /// connection or refuses it (either way its host is reached; whether a node still listens
    /// there is the membership's business), at most <see cref="LongestWait"/>.
    /// </summary>
    public static async Task WaitToReachAsync(IReadOnlyList<string> addresses, TimeProvider time, ILogger log, string name, CancellationToken stop)
    {
        var started = time.GetTimestamp();
        var said = false;
        while (!stop.IsCancellationRequested)
        {
            var unreached = new List<string>();
            foreach (var address in addresses)
            {
                if (!await HostReachedAsync(address, stop))
                {
                    unreached.Add(address);
                }
            }

            if (unreached.Count == 0)
            {
                if (said)
                {
                    log.LogWarning($"{name}: reaches {string.Join(", ", addresses)} again; joining again");
                }

                return;
            }

            if (time.GetElapsedTime(started) >= LongestWait)
            {
                log.LogWarning($"{name}: still cannot reach {string.Join(", ", unreached)} after {LongestWait.TotalMinutes:0} min; joining again anyway (if the cut remains, the members will settle it again)");
                return;
            }

            if (!said)
            {
                log.LogWarning($"{name}: cannot reach {string.Join(", ", unreached)}; waiting to join again until it can (at most {LongestWait.TotalMinutes:0} min)");
                said = true;
            }

            await Task.Delay(Interval * 2, time, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task<bool> HostReachedAsync(string address, CancellationToken stop)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out var port))
        {
            return true;
        }

        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await client.ConnectAsync(address[..colon].Trim('[', ']'), port, timeout.Token);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
