using Microsoft.Extensions.Logging;
using Proto.Cluster;

namespace Beamchain.Node.Membership.Consul;

/// <summary>
/// Follows the passing members of one service with blocking queries and reports each change of that set.
/// </summary>
public sealed class ConsulMemberWatch(
    ConsulAgentClient client,
    string serviceName,
    ConsulProviderConfig config,
    TimeProvider time,
    Action<IReadOnlyList<Member>> onMembersChanged,
    ILogger logger)
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; never throws for agent failures.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var index = 0UL;
        IReadOnlyList<Member>? reported = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var result = await client
                    .GetPassingServiceAsync(serviceName, index, config.BlockingWaitTime, cancellationToken)
                    .ConfigureAwait(false);
                index = BlockingIndex.Next(index, result.Index);
                var members = HealthMembers.Alive(result.Entries);
                if (reported is null || !members.SequenceEqual(reported))
                {
                    reported = members;
                    onMembersChanged(members);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ConsulAgentException e)
            {
                logger.LogWarning("Consul member watch for {Service}: {Error}; retrying in {Delay}", serviceName, e.Message, config.RetryDelay);
                index = 0;
                if (!await PauseAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> PauseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(config.RetryDelay, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
