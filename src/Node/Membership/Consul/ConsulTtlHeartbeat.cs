using System.Net;
using Microsoft.Extensions.Logging;

namespace Beamchain.Node.Membership.Consul;

/// <summary>
/// Passes a registered member's TTL check every <see cref="ConsulProviderConfig.RefreshTtl"/>. When the agent no
/// longer knows the check (it restarted, or reaped us after a long pause) the member registers again.
/// </summary>
public sealed class ConsulTtlHeartbeat(
    ConsulAgentClient client,
    ServiceRegistration registration,
    ConsulProviderConfig config,
    TimeProvider time,
    ConsulReachability reachability,
    ILogger logger)
{
    private readonly string _checkId = MemberRegistration.TtlCheckId(registration.Id);
    private long _lastPassTicks;

    /// <summary>When the agent last confirmed a pass (by this clock); null before the first.</summary>
    public DateTimeOffset? LastPassAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastPassTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Passes the check once; registers again first if the agent lost it.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.PassTtlAsync(_checkId, cancellationToken).ConfigureAwait(false);
        }
        catch (ConsulAgentException e) when (IsUnknownCheck(e))
        {
            logger.LogWarning("Consul lost member {ServiceId} ({Error}); registering again", registration.Id, e.Message);
            await client.RegisterServiceAsync(registration, cancellationToken).ConfigureAwait(false);
            await client.PassTtlAsync(_checkId, cancellationToken).ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _lastPassTicks, time.GetUtcNow().UtcTicks);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; never throws for agent failures.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var startedAt = long.MaxValue;
            try
            {
                await Task.Delay(config.RefreshTtl, time, cancellationToken).ConfigureAwait(false);
                startedAt = reachability.Starting();
                await BeatAsync(cancellationToken).ConfigureAwait(false);
                reachability.Answered(startedAt);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ConsulAgentException e)
            {
                // The next beat is the retry; the TTL leaves room for several missed ones.
                reachability.Failed(startedAt, e.Message);
                logger.LogDebug("Consul TTL pass for {ServiceId} failed: {Error}", registration.Id, e.Message);
            }
        }
    }

    /// <summary>404 from current agents; older ones answered 500 with this text.</summary>
    private static bool IsUnknownCheck(ConsulAgentException e) =>
        e.StatusCode == HttpStatusCode.NotFound
        || (e.StatusCode == HttpStatusCode.InternalServerError
            && (e.ResponseBody.Contains("Unknown check", StringComparison.OrdinalIgnoreCase)
                || e.ResponseBody.Contains("does not have associated TTL", StringComparison.OrdinalIgnoreCase)));
}
