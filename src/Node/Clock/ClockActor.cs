using Proto;
using Proto.Cluster;

namespace Beamchain.Node.Clock;

/// <summary>
/// Local to each node, under <see cref="Name"/>: answers members' <see cref="ClockRequest"/>s
/// with this node's own clock, and reads every other member's clock into the
/// <see cref="ClusterClock"/> when it starts, whenever a member joins, and every
/// <see cref="SampleInterval"/>; a member that leaves is forgotten.
/// </summary>
public sealed class ClockActor(ClusterClock clock) : IActor
{
    public const string Name = "clock";

    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    public Task ReceiveAsync(IContext context) => context.Message switch
    {
        Started => OnStarted(context),
        ClockRequest => OnClockRequest(context),
        ClusterTopology topology => OnTopology(context, topology),
        SampleClocks => OnSample(context),
        _ => Task.CompletedTask,
    };

    private Task OnStarted(IContext context)
    {
        context.System.EventStream.Subscribe<ClusterTopology>(context.System.Root, context.Self);
        context.Send(context.Self, new SampleClocks());
        return Task.CompletedTask;
    }

    private Task OnClockRequest(IContext context)
    {
        context.Respond(new ClockReading { UnixMs = clock.GetOwnClock().ToUnixTimeMilliseconds() });
        return Task.CompletedTask;
    }

    private Task OnTopology(IContext context, ClusterTopology topology)
    {
        foreach (var left in topology.Left)
        {
            clock.Forget(left.Address);
        }

        if (topology.Joined.Count > 0)
        {
            Sample(context, topology.Joined.Select(m => m.Address).Where(a => a != context.System.Address));
        }

        return Task.CompletedTask;
    }

    private Task OnSample(IContext context)
    {
        var others = context.Cluster().MemberList.GetOtherMembers().Select(m => m.Address).ToArray();
        clock.Retain(others);
        Sample(context, others);
        context.ReenterAfter(Task.Delay(SampleInterval), () =>
        {
            context.Send(context.Self, new SampleClocks());
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    /// <summary>Reads each member's clock beside the mailbox; a member that does not answer keeps its last offset.</summary>
    private void Sample(IContext context, IEnumerable<string> members)
    {
        var root = context.System.Root;
        foreach (var member in members)
        {
            _ = ReadAsync(root, member);
        }
    }

    private async Task ReadAsync(ISenderContext root, string member)
    {
        var sent = clock.GetOwnClock();
        try
        {
            var reading = await root.RequestAsync<ClockReading>(PID.FromAddress(member, Name), new ClockRequest(), ReadTimeout);
            clock.Record(member, sent, DateTimeOffset.FromUnixTimeMilliseconds(reading.UnixMs), clock.GetOwnClock());
        }
        catch (Exception e) when (e is TimeoutException or DeadLetterException or OperationCanceledException)
        {
            // Dead or slow: its offset stays as last read until it leaves.
        }
    }
}
