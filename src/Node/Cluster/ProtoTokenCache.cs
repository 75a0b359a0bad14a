using System.Collections;
using System.Reflection;
using Proto;

namespace Beamchain.Node.Cluster;

/// <summary>
/// Empties the cache behind Proto.Actor's <c>CancellationTokens.FromSeconds</c> after the
/// system clock stepped back. That method hands out one cached token per number of seconds,
/// reused while its wall-clock stamp is under 0.5 s old, though the token itself cancels on
/// the monotonic clock that many seconds after it was made. After a step back by Δ the cached
/// token's stamp lies in the future, so it is reused for Δ after it has cancelled: every
/// Proto.Cluster request and gossip read made with it fails at once ("Cancellation token is
/// already cancelled"). Proto's gossip loop then stops sending this member's heartbeat, the
/// others drop it after the member timeout, and again after each rejoin until Δ has passed
/// (the cache is one per process). Emptied, the next call makes a fresh token. Proto.Actor has
/// no public way to do this, so it is done by reflection; <see cref="CanReset"/> says whether
/// the field is still there (a test fails when an upgrade removes it).
/// </summary>
public static class ProtoTokenCache
{
    private static readonly IDictionary? Tokens =
        typeof(CancellationTokens).GetField("Tokens", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as IDictionary;

    /// <summary>Whether this Proto.Actor keeps its tokens where <see cref="Reset"/> can empty them.</summary>
    public static bool CanReset => Tokens is not null;

    /// <summary>Number of seconds for which a token is cached now.</summary>
    public static IReadOnlyCollection<int> CachedSeconds => Tokens?.Keys.Cast<int>().ToArray() ?? [];

    /// <summary>Empties the cache; false when this Proto.Actor has no such cache to empty.</summary>
    public static bool Reset()
    {
        if (Tokens is null)
        {
            return false;
        }

        Tokens.Clear();
        return true;
    }
}
