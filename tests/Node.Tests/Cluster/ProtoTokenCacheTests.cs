using Beamchain.Node.Cluster;
using Proto;

namespace Beamchain.Node.Tests.Cluster;

public class ProtoTokenCacheTests
{
    [Fact]
    public void Proto_actor_still_caches_its_tokens_where_the_reset_finds_them()
    {
        Assert.True(ProtoTokenCache.CanReset, "Proto.Actor's CancellationTokens has no static 'Tokens' dictionary any more: check whether FromSeconds still caches by the wall clock (ProtoTokenCache explains why the node empties it)");
        CancellationTokens.FromSeconds(97);
        Assert.Contains(97, ProtoTokenCache.CachedSeconds);
    }

    [Fact]
    public void A_reset_empties_the_cache_so_the_next_token_is_a_fresh_one()
    {
        var cached = CancellationTokens.FromSeconds(98);
        Assert.Contains(98, ProtoTokenCache.CachedSeconds);

        Assert.True(ProtoTokenCache.Reset());

        Assert.DoesNotContain(98, ProtoTokenCache.CachedSeconds);
        var fresh = CancellationTokens.FromSeconds(98);
        Assert.NotEqual(cached, fresh);
        Assert.False(fresh.IsCancellationRequested);
    }
}
