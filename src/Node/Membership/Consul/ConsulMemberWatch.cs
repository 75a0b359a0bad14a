using Microsoft.Extensions.Logging;
using Proto.Cluster;

namespace Beamchain.Node.Membership.Consul;

/// <summary>
/// Follows the passing members of one service with blocking queries and reports each change of that set. While the
/// agent cannot be reached the last view stands (nothing is reported); when it answers again, or restarted, the view
/// settles first (<see cref="SettlingMemberView"/>), so members not yet registered again are not dropped.
/// </summary>
public sealed class ConsulMemberWatch(
    ConsulAgentClient client,
    string serviceName,
    ConsulProviderConfig config,
    TimeProvider time,
    Action<IReadOnlyList<Member>> onMembersChanged,
    ConsulReachability reachability,
    ILogger logger)
{
    // While the view settles the agent is asked this often, without blocking queries.
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; never throws for agent failures.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var index = 0UL;
        var settling = new SettlingMemberView(config.SettleTime, time);
        var quick = false;
        var wasSettling = false;
        var failed = false;
        IReadOnlyList<Member>? reported = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var startedAt = reachability.Starting();
            try
            {
                // Index 0 answers at once: used while settling and once more right after, so the settled view is reported.
                var result = await client
                    .GetPassingServiceAsync(serviceName, quick ? 0 : index, config.BlockingWaitTime, cancellationToken)
                    .ConfigureAwait(false);
                reachability.Answered(startedAt);
                if (failed || result.Index < index)
                {
                    settling.AgentReturned();
                    failed = false;
                }

                index = BlockingIndex.Next(index, result.Index);
                var members = settling.View(HealthMembers.Alive(result.Entries));
                if (reported is null || !members.SequenceEqual(reported))
                {
                    reported = members;
                    onMembersChanged(members);
                }

                var stillSettling = settling.Settling;
                quick = stillSettling || wasSettling;
                wasSettling = stillSettling;
                if (stillSettling && !await PauseAsync(SettlePoll, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ConsulAgentException e)
            {
                reachability.Failed(startedAt, e.Message);
                failed = true;
                logger.LogDebug("Consul member watch for {Service}: {Error}; retrying in {Delay}", serviceName, e.Message, config.RetryDelay);
                index = 0;
                if (!await PauseAsync(config.RetryDelay, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
